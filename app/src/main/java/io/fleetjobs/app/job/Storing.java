package io.fleetjobs.app.job;

import java.util.EnumSet;
import java.util.Set;

/**
 * Whether a running job's executions are all stored, a phase of its run beside {@link JobStatus}.
 *
 * <pre>
 * STORING --the last batch stored--> STORED
 *    '-----a stop-----------------> ABANDONED
 * </pre>
 *
 * A job that is STORING cannot finish (devices not stored yet have not had their work); it resumes storing after a
 * restart from its cursor. A run that stores everything in its first batch is STORED at once.
 */
public enum Storing {
  STORING,
  STORED,
  ABANDONED;

  private Set<Storing> next() {
    return switch (this) {
      case STORING -> EnumSet.of(STORED, ABANDONED);
      case STORED, ABANDONED -> EnumSet.noneOf(Storing.class);
    };
  }

  public boolean canBecome(Storing target) {
    return next().contains(target);
  }

  /** Returns {@code target} if this phase may change into it, else throws. */
  public Storing to(Storing target) {
    if (!canBecome(target)) {
      throw new IllegalStateException("storing cannot go from " + this + " to " + target);
    }
    return target;
  }

  public boolean isTerminal() {
    return next().isEmpty();
  }

  /** This phase as a SQL literal, so the stores' queries name phases only through this enum. */
  public String sql() {
    return "'" + name() + "'";
  }
}
