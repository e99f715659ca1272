package io.fleetjobs.contract;

/** Why a message broke the contract. Sent to the device in {@link io.fleetjobs.contract.message.ContractError}. */
public enum ErrorCode {
  /** The payload is not a JSON object. */
  MALFORMED_JSON,
  /** A required field is absent or null. */
  MISSING_FIELD,
  /** A field has the wrong JSON type (a string where a number belongs, say). */
  WRONG_TYPE,
  /** A field has the right type but a value outside what the contract allows. */
  INVALID_FIELD,
  /** {@code contractVersion} names a version this service does not speak. */
  UNSUPPORTED_VERSION,
  /** The topic is not one of the contract's topics, or not one a device may publish to. */
  UNKNOWN_TOPIC,
  /** The message names an execution that does not exist or is not this device's. */
  UNKNOWN_EXECUTION,
  /** The device is not registered and cannot be registered from this message. */
  UNKNOWN_DEVICE,
  /**
   * A gateway spoke for a device that is not one of its children (registered under another gateway, or on its own
   * connection), or a device registered under a gateway spoke on its own connection.
   */
  NOT_A_CHILD,
  /**
   * An enrolment request was refused: it did not come over an enrolling connection, or since the device connected its
   * enrolment token was revoked, expired or used up, or its device id was registered; the device gets no credential.
   */
  ENROLMENT_REFUSED
}
