package io.fleetjobs.app.engine;

import io.fleetjobs.app.job.ExecutionStatus;
import io.fleetjobs.app.job.FailureReason;
import java.time.Instant;
import java.util.UUID;

/**
 * A decided change to one execution, written only if the row still has {@code expectedVersion}.
 *
 * @param sentAt when this node last sent it, written with the change (null: keep what the row has)
 */
public record ExecutionChange(
    UUID id,
    long expectedVersion,
    ExecutionStatus status,
    FailureReason failureReason,
    String errorCode,
    String errorMessage,
    String detailsJson,
    String resultsJson,
    long deviceVersion,
    Instant sentAt,
    Instant updatedAt,
    Instant finishedAt) {}
