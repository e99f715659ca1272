package io.fleetjobs.contract.message;

/** What an operation does on the device. */
public enum OperationType {
  /** Write a writable property of the device's template: {@code name} and {@code value}. */
  PROPERTY,
  /** Change a setting of the device's template: {@code name} and {@code value}. */
  SETTING,
  /** Invoke a command of the device's template: {@code name} and {@code parameters}. */
  COMMAND
}
