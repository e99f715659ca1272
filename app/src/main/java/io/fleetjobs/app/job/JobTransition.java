package io.fleetjobs.app.job;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One entry of a job's state history, as {@code GET /api/jobs/{id}/history} shows it: the status it left ({@code null}
 * when it was created), the one it entered, when, why, and by whom (an operator's name, or {@value #ENGINE}).
 */
public record JobTransition(
    @Nullable @Schema(nullable = true, description = "the status left; null for the job's creation") JobStatus from,
    JobStatus to,
    Instant at,
    @Schema(description = "why, e.g. created, copied from job X, run, stopped, every device finished: 3 completed, 1 failed")
    String reason,
    @Schema(description = "the operator who asked, or engine when the engine decided") String by) {

  /** Who decided a change no operator asked for (a finish). */
  public static final String ENGINE = "engine";
}
