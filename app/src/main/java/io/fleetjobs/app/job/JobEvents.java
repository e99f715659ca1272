package io.fleetjobs.app.job;

/** Lifecycle events the engine reacts to; published after the change is committed. */
public final class JobEvents {

  private JobEvents() {}

  /** A job started: its first executions exist and wait to be sent (more may follow, see {@link Stored}). */
  public record Started(String jobId) {}

  /** More executions of a running job were stored and wait to be sent. */
  public record Stored(String jobId) {}

  /** A job was stopped: devices that had received an execution should get a cancel. */
  public record Stopped(String jobId) {}

  /** Executions of these jobs changed status (and the jobs may have finished). */
  public record Progressed(java.util.Set<String> jobIds) {}
}
