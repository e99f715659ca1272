package io.fleetjobs.contract.arbitrary;

/** The kinds of broken message the generators make, each from what the schema says. */
public enum Breakage {
  /** A required field removed or set to null: {@code MISSING_FIELD}. */
  MISSING,
  /** A field given a JSON type its schema does not allow: {@code WRONG_TYPE}. */
  WRONG_TYPE,
  /** A field of an allowed type that a branch of the schema forbids ({@code error} on SUCCEEDED): {@code INVALID_FIELD}. */
  NOT_IN_THIS_CASE,
  /** A number below its minimum or above its maximum, a string, array or map too short or too long: {@code INVALID_FIELD}. */
  OUT_OF_RANGE,
  /** A string its pattern or format refuses: {@code INVALID_FIELD}. */
  BAD_TEXT,
  /** A name that is not one of its enum's: {@code INVALID_FIELD}. */
  UNKNOWN_NAME,
  /** A map entry whose name the schema's {@code propertyNames} refuses, or a field where none may be added. */
  BAD_KEY,
  /** Another {@code contractVersion}: {@code UNSUPPORTED_VERSION}. */
  OTHER_VERSION,
  /** The text cut short: {@code MALFORMED_JSON}. */
  TRUNCATED,
  /** Not JSON, or not one JSON object: {@code MALFORMED_JSON}. */
  NOT_JSON,
  /** Bytes that are not UTF-8: {@code MALFORMED_JSON}. */
  NOT_UTF8
}
