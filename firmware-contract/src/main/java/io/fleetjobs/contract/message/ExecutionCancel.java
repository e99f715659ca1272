package io.fleetjobs.contract.message;

import io.fleetjobs.contract.Checks;
import io.fleetjobs.contract.ContractVersion;
import java.time.Instant;

/**
 * Service to device on {@code down/cancel}: stop working on an execution (its job was stopped). A device that already
 * finished may ignore it; an update it sends afterwards is still recorded.
 */
public record ExecutionCancel(Integer contractVersion, String executionId, String jobId, String reason, Instant sentAt) {

  public ExecutionCancel {
    Messages.requireVersion(contractVersion);
    Checks.id(executionId, "executionId");
    Checks.id(jobId, "jobId");
    Checks.required(reason, "reason");
    Checks.required(sentAt, "sentAt");
  }

  public static ExecutionCancel of(String executionId, String jobId, String reason, Instant sentAt) {
    return new ExecutionCancel(ContractVersion.CURRENT, executionId, jobId, reason, sentAt);
  }
}
