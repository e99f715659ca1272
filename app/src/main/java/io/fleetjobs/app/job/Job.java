package io.fleetjobs.app.job;

import io.fleetjobs.contract.message.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A job: operations applied to the devices of a device set. Its status changes only through the verbs {@link
 * #start}, {@link #finish}, {@link #stop}, each checked against {@link JobStatus}'s transition table.
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
  private final long version;

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
    this.version = version;
  }

  /** A new job, not run yet. */
  public static Job pending(
      String id, String name, String description, String deviceSetId, List<Operation> operations, boolean subset,
      Duration deliveryTimeout, Duration executionTimeout, String copiedFrom, Instant now) {
    return new Job(id, name, description, deviceSetId, operations, subset, deliveryTimeout, executionTimeout, copiedFrom, now,
        JobStatus.PENDING, null, null, 0);
  }

  public void start(Instant now) {
    status = status.to(JobStatus.RUNNING);
    startedAt = now;
  }

  /** Every device is done: COMPLETED if none failed, else FAILED. */
  public void finish(long failedDevices, Instant now) {
    status = status.to(failedDevices == 0 ? JobStatus.COMPLETED : JobStatus.FAILED);
    finishedAt = now;
  }

  public void stop(Instant now) {
    status = status.to(JobStatus.STOPPED);
    finishedAt = now;
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
  public long version() { return version; }
}
