package io.fleetjobs.contract.message;

/** Whether a device is connected. */
public enum PresenceState {
  ONLINE,
  OFFLINE
}
