package io.fleetjobs.app.job;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a job.
 *
 * <pre>
 * PENDING --run--> RUNNING --every device done, none failed--> COMPLETED
 *    |                |----every device done, some failed--> FAILED
 *    |                '----stop--> STOPPED
 *    '----stop--> STOPPED
 * </pre>
 *
 * COMPLETED, FAILED and STOPPED are terminal: a stopped job is never run again; the operator copies it instead.
 */
public enum JobStatus {
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED,
  STOPPED;

  private Set<JobStatus> next() {
    return switch (this) {
      case PENDING -> EnumSet.of(RUNNING, STOPPED);
      case RUNNING -> EnumSet.of(COMPLETED, FAILED, STOPPED);
      case COMPLETED, FAILED, STOPPED -> EnumSet.noneOf(JobStatus.class);
    };
  }

  public boolean canBecome(JobStatus target) {
    return next().contains(target);
  }

  /** Returns {@code target} if this status may change into it, else throws. */
  public JobStatus to(JobStatus target) {
    if (!canBecome(target)) {
      throw new IllegalTransitionException(this, target);
    }
    return target;
  }

  public boolean isTerminal() {
    return next().isEmpty();
  }

  /** The terminal statuses as a SQL list, {@code ('COMPLETED', 'FAILED', 'STOPPED')}. */
  public static String terminalSql() {
    return java.util.Arrays.stream(values()).filter(JobStatus::isTerminal).map(JobStatus::sql)
        .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
  }

  /** This status as a SQL literal, so the stores' queries name statuses only through this enum. */
  public String sql() {
    return "'" + name() + "'";
  }
}
