package io.fleetjobs.app.engine;

import io.fleetjobs.app.job.FailureReason;
import io.fleetjobs.app.job.Job;
import io.fleetjobs.app.job.JobStore;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails executions whose device never answered within the job's execution timeout (TIMED_OUT) and, past the job's
 * delivery deadline, those that could never be sent because the device stayed offline (NEVER_DELIVERED).
 */
@Singleton
public class TimeoutSweeper {

  private static final Logger LOG = LoggerFactory.getLogger(TimeoutSweeper.class);
  private static final int BATCH = 1000;

  private final JobStore jobs;
  private final ExecutionStore executions;
  private final ExecutionLedger ledger;
  private final ExecutionRecorder recorder;
  private final Clock clock;

  TimeoutSweeper(JobStore jobs, ExecutionStore executions, ExecutionLedger ledger, ExecutionRecorder recorder, Clock clock) {
    this.jobs = jobs;
    this.executions = executions;
    this.ledger = ledger;
    this.recorder = recorder;
    this.clock = clock;
  }

  /** One sweep over every running job. */
  public void sweep() {
    for (Job job : jobs.running()) {
      Instant now = clock.instant();
      Instant sentBefore = now.minus(job.executionTimeout());
      String timedOut = "no final answer within " + job.executionTimeout().toSeconds() + " s of sending";
      failAll(() -> executions.unansweredSince(job.id(), sentBefore, BATCH), FailureReason.TIMED_OUT, sentBefore, timedOut);
      if (now.isAfter(job.deliveryDeadline())) {
        String never = "device stayed offline past the delivery deadline of " + job.deliveryTimeout().toSeconds() + " s";
        failAll(() -> executions.undelivered(job.id(), BATCH), FailureReason.NEVER_DELIVERED, now, never);
      }
      ledger.finishJobsIfDone(List.of(job.id()));
    }
  }

  private void failAll(java.util.function.Supplier<List<UUID>> next, FailureReason reason, Instant cutoff, String message) {
    List<UUID> ids;
    while (!(ids = next.get()).isEmpty()) {
      var result = recorder.verdicts(ids.stream().map(id -> new ExecutionEvent.EngineFailed(id, reason, cutoff, message)).toList());
      LOG.info("{} executions failed as {}", result.finished().size(), reason);
      if (result.finished().isEmpty()) {
        break; // all raced with answers; the next sweep looks again
      }
    }
  }
}
