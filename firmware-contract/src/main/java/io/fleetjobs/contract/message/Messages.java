package io.fleetjobs.contract.message;

import io.fleetjobs.contract.Checks;
import io.fleetjobs.contract.ContractVersion;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.ErrorCode;
import java.util.Map;

final class Messages {

  /** The longest attribute value, as in the REST API. */
  static final int MAX_ATTRIBUTE_LENGTH = 256;

  private Messages() {}

  /** A device's attributes: names are names, values strings of at most 256 characters; null is none. */
  static Map<String, String> attributes(Map<String, String> attributes) {
    if (attributes != null) {
      attributes.forEach((key, value) -> {
        Checks.name(key, "attributes." + key);
        Checks.required(value, "attributes." + key);
        if (value.length() > MAX_ATTRIBUTE_LENGTH) {
          throw ContractViolation.invalid("attributes." + key, "must be at most " + MAX_ATTRIBUTE_LENGTH + " characters");
        }
      });
    }
    return Checks.copyOrEmpty(attributes);
  }

  static void requireVersion(Integer version) {
    if (version == null) {
      throw ContractViolation.missing("contractVersion");
    }
    if (version != ContractVersion.CURRENT) {
      throw new ContractViolation(
          ErrorCode.UNSUPPORTED_VERSION,
          "contractVersion",
          "is " + version + " but this service speaks contract version " + ContractVersion.CURRENT);
    }
  }
}
