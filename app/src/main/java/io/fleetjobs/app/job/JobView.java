package io.fleetjobs.app.job;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.fleetjobs.contract.message.Operation;
import java.time.Instant;
import java.util.List;

/**
 * A job as the REST API shows it, with its per-status counts and what the operator may do with it now ({@code
 * canRun} is false for a stopped job, and {@code runBlockedReason} says why).
 */
public record JobView(
    String id,
    String name,
    @Nullable String description,
    String deviceSetId,
    JobStatus status,
    @Nullable @Schema(nullable = true, description = "a run's storing phase: STORING while its executions are still being"
        + " stored (it cannot finish before), then STORED, or ABANDONED by a stop; null before it runs") Storing storing,
    List<Operation> operations,
    boolean subset,
    long deliveryTimeoutSeconds,
    long executionTimeoutSeconds,
    JobCounts counts,
    Instant createdAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable String copiedFrom,
    boolean canRun,
    @Nullable String runBlockedReason,
    boolean canStop) {

  static JobView of(Job job, JobCounts counts) {
    String whyNotRun = JobService.whyNot(job, JobStatus.RUNNING);
    return new JobView(
        job.id(), job.name(), job.description(), job.deviceSetId(), job.status(), job.storing(), job.operations(), job.subset(),
        job.deliveryTimeout().toSeconds(), job.executionTimeout().toSeconds(), counts, job.createdAt(), job.startedAt(),
        job.finishedAt(), job.copiedFrom(), whyNotRun == null, whyNotRun, job.status().canBecome(JobStatus.STOPPED));
  }
}
