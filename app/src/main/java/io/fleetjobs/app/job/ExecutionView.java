package io.fleetjobs.app.job;

import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.app.common.JsonText;
import java.time.Instant;
import java.util.Map;

/** One device's result in a job. A device deleted since keeps its id and is marked {@code deviceDeleted}. */
public record ExecutionView(
    String executionId,
    String deviceId,
    String deviceName,
    boolean deviceDeleted,
    ExecutionStatus status,
    @Nullable FailureReason failureReason,
    @Nullable Error error,
    Map<String, JsonNode> details,
    Map<String, JsonNode> results,
    @Nullable Instant sentAt,
    @Nullable Instant updatedAt,
    @Nullable Instant finishedAt) {

  /** Why it failed, in the device's words or the engine's. */
  public record Error(@Nullable String code, @Nullable String message) {}

  static ExecutionView of(ExecutionDetail d) {
    return new ExecutionView(
        d.id().toString(), d.deviceId(), d.deviceName(), d.deviceDeleted(), d.status(), d.failureReason(),
        d.errorCode() == null && d.errorMessage() == null ? null : new Error(d.errorCode(), d.errorMessage()),
        JsonText.nodeMap(d.detailsJson()), JsonText.nodeMap(d.resultsJson()), d.dispatchedAt(), d.updatedAt(), d.finishedAt());
  }
}
