package io.fleetjobs.app.job;

import java.time.Instant;
import java.util.UUID;

/** An execution's state as the engine needs it to decide a change. */
public record ExecutionRow(
    UUID id, String jobId, String deviceId, ExecutionStatus status, FailureReason failureReason, long deviceVersion,
    Instant dispatchedAt, long version) {}
