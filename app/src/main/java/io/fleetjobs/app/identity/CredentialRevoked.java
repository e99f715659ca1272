package io.fleetjobs.app.identity;

/**
 * Published after a device's credential stopped being valid (revoked, rotated, or its device deleted), so that
 * transports end the device's current connection or DTLS session: the next connect needs the new credential.
 */
public record CredentialRevoked(String deviceId) {}
