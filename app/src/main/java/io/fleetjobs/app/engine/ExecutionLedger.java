package io.fleetjobs.app.engine;

import io.fleetjobs.app.job.CountsStore;
import io.fleetjobs.app.job.ExecutionStatus;
import io.fleetjobs.app.job.Job;
import io.fleetjobs.app.job.JobCounts;
import io.fleetjobs.app.job.JobEvents;
import io.fleetjobs.app.job.JobStatus;
import io.fleetjobs.app.job.JobStore;
import io.fleetjobs.app.common.Sql;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records execution events in batches: one transaction loads the rows, decides each change, writes them with a
 * version check and moves the job counters by the same amounts. A row another writer changed in between is re-read
 * and decided again. Jobs whose last device finished are then completed or failed ({@link #finishJobsIfDone}).
 */
@Singleton
public class ExecutionLedger {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutionLedger.class);
  private static final int MAX_ATTEMPTS = 5;

  /**
   * What a batch did: the outcome per event (same order), the executions that reached a final status, and those of
   * the events that were finished already or are gone (a sending that raced with their end leaves them in flight).
   */
  public record Result(List<Outcome> outcomes, List<ExecutionChange> finished, List<UUID> over) {}

  private final ExecutionStore executions;
  private final InFlight inFlight;
  private final CountsStore counts;
  private final JobStore jobs;
  private final Sql sql;
  private final Clock clock;
  private final ApplicationEventPublisher<JobEvents.Progressed> progress;

  ExecutionLedger(
      ExecutionStore executions, InFlight inFlight, CountsStore counts, JobStore jobs, Sql sql, Clock clock,
      ApplicationEventPublisher<JobEvents.Progressed> progress) {
    this.executions = executions;
    this.inFlight = inFlight;
    this.counts = counts;
    this.jobs = jobs;
    this.sql = sql;
    this.clock = clock;
    this.progress = progress;
  }

  public Result record(List<? extends ExecutionEvent> events) {
    Outcome[] outcomes = new Outcome[events.size()];
    List<ExecutionChange> finished = new ArrayList<>();
    Set<UUID> over = new HashSet<>();
    Map<String, Boolean> touchedJobs = new LinkedHashMap<>();
    List<Integer> todo = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      todo.add(i);
    }
    for (int attempt = 1; attempt <= MAX_ATTEMPTS && !todo.isEmpty(); attempt++) {
      List<Integer> current = todo;
      todo = sql.inTransaction(() -> recordOnce(events, current, outcomes, finished, over, touchedJobs));
    }
    for (int i : todo) {
      LOG.warn("Gave up recording {} after {} attempts of concurrent changes", events.get(i), MAX_ATTEMPTS);
      outcomes[i] = Outcome.IGNORED;
    }
    try {
      finish(touchedJobs.keySet()); // only touched jobs can finish here, so the event below names them all
    } catch (RuntimeException e) {
      // the batch is committed: failing it now would have its caller write it again, and the sweep finishes the jobs
      LOG.warn("Could not finish jobs {} after recording ({}); the next timeout sweep does", touchedJobs.keySet(),
          io.fleetjobs.app.common.TransientErrors.summary(e));
    }
    if (!touchedJobs.isEmpty()) {
      progress.publishEvent(new JobEvents.Progressed(Set.copyOf(touchedJobs.keySet())));
    }
    return new Result(List.of(outcomes), finished, List.copyOf(over));
  }

  /** One attempt; returns the indexes of events whose rows moved on under us. */
  private List<Integer> recordOnce(
      List<? extends ExecutionEvent> events, List<Integer> indexes, Outcome[] outcomes, List<ExecutionChange> finished,
      Set<UUID> over, Map<String, Boolean> touchedJobs) {
    Instant now = clock.instant();
    List<UUID> ids = indexes.stream().map(i -> events.get(i).executionId()).distinct().toList();
    Map<UUID, ExecutionRow> rows = new HashMap<>();
    executions.load(ids).forEach(r -> rows.put(r.id(), r));
    List<ExecutionChange> changes = new ArrayList<>();
    List<Integer> changeIndexes = new ArrayList<>();
    List<ExecutionRow> before = new ArrayList<>();
    for (int i : indexes) {
      ExecutionEvent event = events.get(i);
      ExecutionRow row = rows.get(event.executionId());
      if (row == null || row.status().isDone()) {
        over.add(event.executionId());
      }
      ExecutionDecisions.Decision decision = ExecutionDecisions.decide(row, sending(row), event, now);
      outcomes[i] = decision.outcome();
      if (decision.change() != null) {
        ExecutionChange c = decision.change();
        changes.add(c);
        changeIndexes.add(i);
        before.add(row);
        // later events of the same execution in this batch see the decided state
        rows.put(row.id(), new ExecutionRow(row.id(), row.jobId(), row.deviceId(), c.status(), c.failureReason(), c.deviceVersion(),
            row.storedAt(), row.version() + 1));
      }
    }
    int[] written = executions.apply(changes);
    List<Integer> retry = new ArrayList<>();
    Map<String, long[]> deltas = new HashMap<>();
    for (int k = 0; k < changes.size(); k++) {
      if (written[k] == 0) {
        retry.add(changeIndexes.get(k));
        continue;
      }
      ExecutionChange c = changes.get(k);
      ExecutionRow row = before.get(k);
      if (c.status() != row.status()) {
        long[] d = deltas.computeIfAbsent(row.jobId(), j -> new long[ExecutionStatus.values().length]);
        d[row.status().ordinal()]--;
        d[c.status().ordinal()]++;
        touchedJobs.put(row.jobId(), true);
        if (c.status().isDone()) {
          finished.add(c);
        }
      }
    }
    deltas.forEach((jobId, d) -> counts.add(jobId, new JobCounts(0,
        d[ExecutionStatus.PENDING.ordinal()], d[ExecutionStatus.COMPLETED.ordinal()], d[ExecutionStatus.FAILED.ordinal()],
        d[ExecutionStatus.CANCELED.ordinal()])));
    return retry;
  }

  private ExecutionDecisions.Sending sending(ExecutionRow row) {
    if (row == null) {
      return ExecutionDecisions.Sending.NEVER;
    }
    return new ExecutionDecisions.Sending(inFlight.lastSentAt(row.id()), row.storedBefore(inFlight.resumedAt()));
  }

  /**
   * A stop's cancels, in the caller's transaction (the one writing the stop): every PENDING execution of the job
   * becomes CANCELED in one statement, and the counts move with it. Returns how many.
   */
  int cancelPending(String jobId, Instant now) {
    // those in flight keep when they were sent, in their one write; a sending racing with this keeps none
    int canceled = executions.cancelSent(inFlight.sentOf(jobId), now) + executions.cancelPending(jobId, now);
    counts.add(jobId, new JobCounts(0, -canceled, 0, 0, canceled));
    return canceled;
  }

  /**
   * Completes (or fails) each running job whose devices are all done and whose executions are all stored, and tells
   * the live views. The one place that decides a job is finished, whatever made it so (answers, timeouts, the end of
   * storing).
   */
  public void finishJobsIfDone(Iterable<String> jobIds) {
    Set<String> finished = finish(jobIds);
    if (!finished.isEmpty()) {
      progress.publishEvent(new JobEvents.Progressed(Set.copyOf(finished)));
    }
  }

  private Set<String> finish(Iterable<String> jobIds) {
    Set<String> finished = new HashSet<>();
    for (String jobId : jobIds) {
      if (sql.inTransaction(() -> finishIfDone(jobId))) {
        finished.add(jobId);
      }
    }
    return finished;
  }

  /**
   * Decides one job in one transaction that holds the job's row first: the batch of executions being stored commits
   * before (and is counted) or after (and the job is still storing when read), never between the reads.
   */
  private boolean finishIfDone(String jobId) {
    Job job = jobs.lock(jobId).orElse(null);
    if (job == null || job.status() != JobStatus.RUNNING || job.isStoring()) {
      return false;
    }
    JobCounts c = counts.get(jobId);
    if (c.pending() > 0 || c.total() == 0) {
      return false;
    }
    job.finish(c, clock.instant());
    if (!jobs.saveStatus(job)) {
      throw new IllegalStateException("job " + jobId + " changed under its row lock");
    }
    LOG.info("Job {} {}: {} completed, {} failed", jobId, job.status(), c.completed(), c.failed());
    return true;
  }
}
