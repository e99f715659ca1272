package io.fleetjobs.app.engine;

import io.fleetjobs.app.job.ExecutionStatus;
import io.fleetjobs.app.job.FailureReason;
import java.time.Instant;
import java.util.UUID;

/**
 * An execution's state as the engine needs it to decide a change.
 *
 * @param dispatchedAt when it was last sent; cleared at start-up for in-flight executions, so that they are sent again
 * @param firstSentAt when it was first sent; never cleared: the device got it, whatever a restart forgot since
 */
public record ExecutionRow(
    UUID id, String jobId, String deviceId, ExecutionStatus status, FailureReason failureReason, long deviceVersion,
    Instant dispatchedAt, Instant firstSentAt, long version) {

  /** When the device's time to answer started: the latest sending, else the first one (not sent again since a restart). */
  public Instant sentAt() {
    return dispatchedAt != null ? dispatchedAt : firstSentAt;
  }
}
