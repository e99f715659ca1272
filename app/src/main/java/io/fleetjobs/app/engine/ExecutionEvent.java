package io.fleetjobs.app.engine;

import io.fleetjobs.app.job.FailureReason;
import io.fleetjobs.contract.message.ExecutionUpdate;
import java.time.Instant;
import java.util.UUID;

/** Something that happened to an execution, for the {@link ExecutionLedger} to record. */
public sealed interface ExecutionEvent {

  UUID executionId();

  /** A device's update about one of its executions. */
  record DeviceReported(UUID executionId, String deviceId, ExecutionUpdate update) implements ExecutionEvent {}

  /**
   * The engine gives up on an execution: TIMED_OUT (sent before {@code cutoff} and unanswered) or NEVER_DELIVERED
   * (never sent). Checked again against the row when recorded, so a late race cannot fail a device that answered.
   */
  record EngineFailed(UUID executionId, FailureReason reason, Instant cutoff, String message) implements ExecutionEvent {}
}
