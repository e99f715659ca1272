package io.fleetjobs.app.job;

import java.time.Instant;
import java.util.UUID;

/** One device's result in a job, for listings: with the device's name, or marked deleted. */
public record ExecutionDetail(
    UUID id,
    String deviceId,
    String deviceName,
    boolean deviceDeleted,
    ExecutionStatus status,
    FailureReason failureReason,
    String errorCode,
    String errorMessage,
    String detailsJson,
    String resultsJson,
    Instant dispatchedAt,
    Instant updatedAt,
    Instant finishedAt) {}
