package io.fleetjobs.contract.message;

import io.fleetjobs.contract.Checks;
import io.fleetjobs.contract.ContractVersion;
import io.fleetjobs.contract.ContractViolation;
import java.time.Instant;
import java.util.List;

/**
 * Service to device on {@code down/execution}: work to do. The same {@code executionId} may arrive more than once
 * (QoS 1 redelivery, an answer to a pending request): a device must treat a repeat as the same work, and answer it
 * with its latest update instead of doing it again.
 *
 * @param executionId opaque id of this device's part of a job; unique across all jobs
 * @param jobId the job this execution belongs to (informative)
 * @param version the execution's version; grows when the service changes the execution
 * @param operations 1 to 30 operations, to apply in order
 * @param timeoutSeconds how long the service waits for a final update after sending this message
 * @param sentAt when the service sent the message (ISO-8601)
 */
public record ExecutionRequest(
    Integer contractVersion,
    String executionId,
    String jobId,
    Long version,
    List<Operation> operations,
    Long timeoutSeconds,
    Instant sentAt) {

  /** The most operations one execution may carry. */
  public static final int MAX_OPERATIONS = 30;

  public ExecutionRequest {
    Messages.requireVersion(contractVersion);
    Checks.id(executionId, "executionId");
    Checks.id(jobId, "jobId");
    Checks.positive(version, "version");
    Checks.required(operations, "operations");
    if (operations.isEmpty() || operations.size() > MAX_OPERATIONS) {
      throw ContractViolation.invalid("operations", "must hold 1 to " + MAX_OPERATIONS + " operations");
    }
    for (int i = 0; i < operations.size(); i++) {
      if (operations.get(i) == null) {
        throw ContractViolation.missing("operations[" + i + "]");
      }
    }
    operations = List.copyOf(operations);
    Checks.positive(timeoutSeconds, "timeoutSeconds");
    Checks.required(sentAt, "sentAt");
  }

  public static ExecutionRequest of(
      String executionId, String jobId, long version, List<Operation> operations, long timeoutSeconds, Instant sentAt) {
    return new ExecutionRequest(ContractVersion.CURRENT, executionId, jobId, version, operations, timeoutSeconds, sentAt);
  }
}
