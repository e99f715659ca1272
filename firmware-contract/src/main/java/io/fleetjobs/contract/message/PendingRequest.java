package io.fleetjobs.contract.message;

import io.fleetjobs.contract.ContractVersion;
import java.time.Instant;

/**
 * Device to service on {@code up/pending-request}: "send me every execution I have not finished". A device sends it
 * after every connect and reconnect; the service answers by (re)sending each such execution on {@code down/execution}.
 *
 * @param timestamp when the device sent it (ISO-8601); optional
 */
public record PendingRequest(Integer contractVersion, Instant timestamp) {

  public PendingRequest {
    Messages.requireVersion(contractVersion);
  }

  public static PendingRequest now() {
    return new PendingRequest(ContractVersion.CURRENT, Instant.now());
  }
}
