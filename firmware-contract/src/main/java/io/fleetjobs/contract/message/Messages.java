package io.fleetjobs.contract.message;

import io.fleetjobs.contract.ContractVersion;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.ErrorCode;

final class Messages {

  private Messages() {}

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
