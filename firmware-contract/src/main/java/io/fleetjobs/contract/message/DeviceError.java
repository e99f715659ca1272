package io.fleetjobs.contract.message;

import io.fleetjobs.contract.Checks;
import io.fleetjobs.contract.ContractViolation;

/** A device's own account of a failure: a short machine-readable code and a human-readable message. */
public record DeviceError(String code, String message) {

  public DeviceError {
    Checks.required(code, "code");
    if (Checks.blank(code) || code.length() > 64) {
      throw ContractViolation.invalid("code", "must be 1 to 64 characters");
    }
    Checks.required(message, "message");
    if (message.length() > 1024) {
      throw ContractViolation.invalid("message", "must be at most 1024 characters");
    }
  }
}
