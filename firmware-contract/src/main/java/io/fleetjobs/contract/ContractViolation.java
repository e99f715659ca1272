package io.fleetjobs.contract;

import java.util.Objects;

/**
 * A message or value that breaks the contract. Always names the offending field (a JSON path such as {@code
 * operations[2].name}, or {@code topic}) so the error reply tells a firmware writer exactly what to fix.
 */
public class ContractViolation extends RuntimeException {

  private final ErrorCode code;
  private final String field;
  private final String reason;

  /** The longest field path a violation carries: the contract's are far shorter, a device's map keys need not be. */
  static final int MAX_FIELD = 200;

  public ContractViolation(ErrorCode code, String field, String reason) {
    super(clip(field) == null ? reason : clip(field) + ": " + reason);
    this.code = Objects.requireNonNull(code, "code");
    this.field = clip(field);
    this.reason = reason;
  }

  private static String clip(String field) {
    return field == null || field.length() <= MAX_FIELD ? field : field.substring(0, MAX_FIELD) + "…";
  }

  public static ContractViolation missing(String field) {
    return new ContractViolation(ErrorCode.MISSING_FIELD, field, "is required");
  }

  public static ContractViolation invalid(String field, String reason) {
    return new ContractViolation(ErrorCode.INVALID_FIELD, field, reason);
  }

  public ErrorCode code() {
    return code;
  }

  /** The offending field as a JSON path, or null when the whole message is at fault. */
  public String field() {
    return field;
  }

  /** What is wrong with the field, without the field's name. */
  public String reason() {
    return reason;
  }

  /** The same violation with its field placed under {@code prefix}: a violation inside a nested object. */
  public ContractViolation under(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return this;
    }
    String nested = field == null ? prefix : prefix + (field.startsWith("[") ? "" : ".") + field;
    return new ContractViolation(code, nested, reason);
  }
}
