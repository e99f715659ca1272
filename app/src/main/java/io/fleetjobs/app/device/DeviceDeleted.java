package io.fleetjobs.app.device;

/** Published after a device was deleted, for what hangs off it elsewhere (its credential, its connection). */
public record DeviceDeleted(String deviceId) {}
