package io.fleetjobs.contract.message;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.contract.Checks;
import io.fleetjobs.contract.ContractVersion;
import io.fleetjobs.contract.ContractViolation;
import java.time.Instant;
import java.util.Map;

/**
 * Device to service on {@code up/execution-update}: progress or outcome of an execution.
 *
 * @param version the device's write counter for this execution: 1 for its first update, then +1 per update. The
 *     service ignores an update whose version is not above the last one it recorded, so repeats are harmless.
 * @param details free-form progress (IN_PROGRESS)
 * @param results free-form results, e.g. of commands (SUCCEEDED)
 * @param error required when FAILED or REJECTED
 * @param timestamp when the device wrote the update (ISO-8601); optional for devices without a clock
 */
public record ExecutionUpdate(
    Integer contractVersion,
    String executionId,
    UpdateStatus status,
    Long version,
    Map<String, JsonNode> details,
    Map<String, JsonNode> results,
    DeviceError error,
    Instant timestamp) {

  public ExecutionUpdate {
    Messages.requireVersion(contractVersion);
    Checks.id(executionId, "executionId");
    Checks.required(status, "status");
    Checks.positive(version, "version");
    details = Checks.unmodifiable(details);
    results = Checks.unmodifiable(results);
    boolean failure = status == UpdateStatus.FAILED || status == UpdateStatus.REJECTED;
    if (failure && error == null) {
      throw ContractViolation.missing("error");
    }
    if (!failure && error != null) {
      throw ContractViolation.invalid("error", "is only allowed when status is FAILED or REJECTED");
    }
  }

  public static ExecutionUpdate inProgress(String executionId, long version, Map<String, JsonNode> details) {
    return new ExecutionUpdate(ContractVersion.CURRENT, executionId, UpdateStatus.IN_PROGRESS, version, details, null, null, Instant.now());
  }

  public static ExecutionUpdate succeeded(String executionId, long version, Map<String, JsonNode> results) {
    return new ExecutionUpdate(ContractVersion.CURRENT, executionId, UpdateStatus.SUCCEEDED, version, null, results, null, Instant.now());
  }

  public static ExecutionUpdate failed(String executionId, long version, DeviceError error) {
    return new ExecutionUpdate(ContractVersion.CURRENT, executionId, UpdateStatus.FAILED, version, null, null, error, Instant.now());
  }

  public static ExecutionUpdate rejected(String executionId, long version, DeviceError error) {
    return new ExecutionUpdate(ContractVersion.CURRENT, executionId, UpdateStatus.REJECTED, version, null, null, error, Instant.now());
  }
}
