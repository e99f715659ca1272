package io.fleetjobs.app.engine;

import io.fleetjobs.app.job.ExecutionStatus;
import io.fleetjobs.app.job.FailureReason;
import java.time.Instant;
import java.util.UUID;

/**
 * An execution's state as the engine needs it to decide a change. Whether it was sent is not here: that is memory
 * ({@link InFlight}).
 *
 * @param storedAt when it was stored (null for executions stored before the column existed)
 */
public record ExecutionRow(
    UUID id, String jobId, String deviceId, ExecutionStatus status, FailureReason failureReason, long deviceVersion,
    Instant storedAt, long version) {

  /** Whether it was stored before {@code resumedAt}, so an earlier process may have sent it. */
  public boolean storedBefore(Instant resumedAt) {
    return storedAt == null || storedAt.isBefore(resumedAt);
  }
}
