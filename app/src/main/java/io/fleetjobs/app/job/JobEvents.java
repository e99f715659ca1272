package io.fleetjobs.app.job;

import java.util.Set;

/**
 * What happens to jobs, published after the change is committed. The engine reacts to each kind; every live view
 * listens to the one type {@link Changed}, so whatever changed a job (a start, a stored batch, a stop, answers,
 * timeouts, a finish) reaches it.
 */
public final class JobEvents {

  private JobEvents() {}

  /** Any change of one or more jobs. */
  public sealed interface Changed permits Started, Stored, Stopped, Progressed {
    /** The jobs it changed. */
    Set<String> jobs();
  }

  /** A job started: its first executions exist and wait to be sent (more may follow, see {@link Stored}). */
  public record Started(String jobId) implements Changed {
    @Override
    public Set<String> jobs() {
      return Set.of(jobId);
    }
  }

  /** More executions of a running job were stored and wait to be sent. */
  public record Stored(String jobId) implements Changed {
    @Override
    public Set<String> jobs() {
      return Set.of(jobId);
    }
  }

  /** A job was stopped: devices that had received an execution should get a cancel. */
  public record Stopped(String jobId) implements Changed {
    @Override
    public Set<String> jobs() {
      return Set.of(jobId);
    }
  }

  /** Executions of these jobs changed status (and the jobs may have finished). */
  public record Progressed(Set<String> jobIds) implements Changed {
    @Override
    public Set<String> jobs() {
      return jobIds;
    }
  }
}
