package io.fleetjobs.app.job;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of one device's part of a job.
 *
 * <pre>
 * PENDING --device succeeded--> COMPLETED
 *    |----device failed or rejected, timed out, never delivered--> FAILED (with a reason)
 *    '----job stopped first--> CANCELED --late answer from a device that was already working--> COMPLETED | FAILED
 * </pre>
 *
 * COMPLETED and FAILED are terminal. CANCELED is final for the job's progress, yet a device that was already working
 * when the stop reached it may still report, and that answer is recorded truthfully.
 */
public enum ExecutionStatus {
  PENDING,
  COMPLETED,
  FAILED,
  CANCELED;

  private Set<ExecutionStatus> next() {
    return switch (this) {
      case PENDING -> EnumSet.of(COMPLETED, FAILED, CANCELED);
      case CANCELED -> EnumSet.of(COMPLETED, FAILED);
      case COMPLETED, FAILED -> EnumSet.noneOf(ExecutionStatus.class);
    };
  }

  public boolean canBecome(ExecutionStatus target) {
    return next().contains(target);
  }

  /** Returns {@code target} if this status may change into it, else throws. */
  public ExecutionStatus to(ExecutionStatus target) {
    if (!canBecome(target)) {
      throw new IllegalTransitionException(this, target);
    }
    return target;
  }

  public boolean isTerminal() {
    return next().isEmpty();
  }

  /** This status as a SQL literal, so the stores' queries name statuses only through this enum. */
  public String sql() {
    return "'" + name() + "'";
  }

  /** No more work is expected for the job from an execution in this status. */
  public boolean isDone() {
    return this != PENDING;
  }
}
