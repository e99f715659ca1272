package io.fleetjobs.app.job;

import io.fleetjobs.contract.message.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A job: operations applied to the devices of a device set. Its status changes only through the verbs {@link
 * #start}, {@link #finish}, {@link #stop}, each checked against {@link JobStatus}'s transition table and noted as a
 * {@link JobTransition} (why, by whom) that {@link JobStore} writes with the status.
 */
public final class Job {

  private final String id;
  private final String name;
  private final String description;
  private final String deviceSetId;
  private final List<Operation> operations;
  private final boolean subset;
  private final Duration deliveryTimeout;
  private final Duration executionTimeout;
  private final String copiedFrom;
  private final Instant createdAt;
  private JobStatus status;
  private Instant startedAt;
  private Instant finishedAt;
  /** Null until it runs. */
  private Storing storing;
  /** While STORING: the device id after which storing resumes ("" for the start). */
  private String storingAfter;
  private final long version;
  /** Changes made through the verbs and not written yet. */
  private final List<JobTransition> unsaved = new ArrayList<>();

  public Job(
      String id,
      String name,
      String description,
      String deviceSetId,
      List<Operation> operations,
      boolean subset,
      Duration deliveryTimeout,
      Duration executionTimeout,
      String copiedFrom,
      Instant createdAt,
      JobStatus status,
      Instant startedAt,
      Instant finishedAt,
      Storing storing,
      String storingAfter,
      long version) {
    this.id = Objects.requireNonNull(id);
    this.name = name;
    this.description = description;
    this.deviceSetId = deviceSetId;
    this.operations = List.copyOf(operations);
    this.subset = subset;
    this.deliveryTimeout = deliveryTimeout;
    this.executionTimeout = executionTimeout;
    this.copiedFrom = copiedFrom;
    this.createdAt = createdAt;
    this.status = status;
    this.startedAt = startedAt;
    this.finishedAt = finishedAt;
    this.storing = storing;
    this.storingAfter = storingAfter;
    this.version = version;
  }

  /** A new job, not run yet, created by {@code actor} (copied from {@code copiedFrom}, if not null). */
  public static Job pending(
      String id, String name, String description, String deviceSetId, List<Operation> operations, boolean subset,
      Duration deliveryTimeout, Duration executionTimeout, String copiedFrom, Instant now, String actor) {
    Job job = new Job(id, name, description, deviceSetId, operations, subset, deliveryTimeout, executionTimeout, copiedFrom, now,
        JobStatus.PENDING, null, null, null, null, 0);
    job.unsaved.add(new JobTransition(null, JobStatus.PENDING, now, copiedFrom == null ? "created" : "copied from job " + copiedFrom, actor));
    return job;
  }

  /**
   * Runs the job, its first batch of executions stored; {@code storingAfter}: where storing the rest resumes, or null
   * when that batch was all of them.
   */
  public void start(Instant now, String actor, String storingAfter) {
    change(JobStatus.RUNNING, now, "run", actor);
    startedAt = now;
    storing = Storing.STORING;
    stored(storingAfter);
  }

  /** One more batch of executions stored; {@code next}: where the next one starts, or null when all are stored. */
  public void stored(String next) {
    if (storing != Storing.STORING) {
      throw new IllegalStateException("job " + id + " is not storing (" + storing + ")");
    }
    if (next == null) {
      storing = storing.to(Storing.STORED);
    }
    storingAfter = next;
  }

  /** Whether executions are still to be stored: then the job cannot finish. */
  public boolean isStoring() {
    return storing == Storing.STORING;
  }

  /** Every device is done: COMPLETED if none failed, else FAILED; decided by the engine. */
  public void finish(JobCounts counts, Instant now) {
    if (isStoring()) {
      throw new IllegalStateException("job " + id + " cannot finish while its executions are being stored");
    }
    change(counts.failed() == 0 ? JobStatus.COMPLETED : JobStatus.FAILED, now,
        "every device finished: " + counts.completed() + " completed, " + counts.failed() + " failed, " + counts.canceled() + " canceled",
        JobTransition.ENGINE);
    finishedAt = now;
  }

  public void stop(Instant now, String actor) {
    change(JobStatus.STOPPED, now, "stopped", actor);
    finishedAt = now;
    if (storing == Storing.STORING) {
      storing = storing.to(Storing.ABANDONED); // nothing more is stored for a stopped job
      storingAfter = null;
    }
  }

  private void change(JobStatus target, Instant now, String reason, String actor) {
    JobStatus from = status;
    status = status.to(target);
    unsaved.add(new JobTransition(from, target, now, reason, actor));
  }

  /** The changes made through the verbs since the job was read, in order; each is returned once. */
  List<JobTransition> takeTransitions() {
    List<JobTransition> taken = List.copyOf(unsaved);
    unsaved.clear();
    return taken;
  }

  /** When undelivered executions of this running job fail as never delivered. */
  public Instant deliveryDeadline() {
    return startedAt == null ? null : startedAt.plus(deliveryTimeout);
  }

  public String id() { return id; }
  public String name() { return name; }
  public String description() { return description; }
  public String deviceSetId() { return deviceSetId; }
  public List<Operation> operations() { return operations; }
  public boolean subset() { return subset; }
  public Duration deliveryTimeout() { return deliveryTimeout; }
  public Duration executionTimeout() { return executionTimeout; }
  public String copiedFrom() { return copiedFrom; }
  public Instant createdAt() { return createdAt; }
  public JobStatus status() { return status; }
  public Instant startedAt() { return startedAt; }
  public Instant finishedAt() { return finishedAt; }
  public Storing storing() { return storing; }
  public String storingAfter() { return storingAfter; }
  public long version() { return version; }
}
