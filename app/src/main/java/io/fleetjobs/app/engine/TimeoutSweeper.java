package io.fleetjobs.app.engine;

import io.fleetjobs.app.job.FailureReason;
import io.fleetjobs.app.job.Job;
import io.fleetjobs.app.job.JobStore;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails executions whose device never answered within the job's execution timeout (TIMED_OUT) and, past the job's
 * delivery deadline, those that could never be sent because the device stayed offline (NEVER_DELIVERED).
 *
 * <p>What this node sent is in {@link InFlight}, timed from its last sending. An execution stored before this node's
 * engine started, not sent again since, whose device has been online since it was stored, may have reached its device
 * from the earlier process: it is never failed as never delivered; once both the delivery deadline and the execution
 * timeout counted from the restart have passed, it times out. One whose device stayed offline since before it was
 * stored was never sent by anyone, and is never delivered as usual.
 */
@Singleton
public class TimeoutSweeper {

  private static final Logger LOG = LoggerFactory.getLogger(TimeoutSweeper.class);
  private static final int BATCH = 1000;

  private final JobStore jobs;
  private final ExecutionStore executions;
  private final InFlight inFlight;
  private final ExecutionLedger ledger;
  private final ExecutionRecorder recorder;
  private final Clock clock;

  TimeoutSweeper(JobStore jobs, ExecutionStore executions, InFlight inFlight, ExecutionLedger ledger, ExecutionRecorder recorder, Clock clock) {
    this.jobs = jobs;
    this.executions = executions;
    this.inFlight = inFlight;
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
      timeOutInFlight(job, sentBefore, timedOut);
      if (now.isAfter(job.deliveryDeadline())) {
        sweepUnsent(job, now);
      }
      ledger.finishJobsIfDone(List.of(job.id()));
    }
  }

  /** What this node sent before {@code sentBefore}; each round's ids are recorded and forgotten, the next asks again. */
  private void timeOutInFlight(Job job, Instant sentBefore, String message) {
    List<UUID> due = inFlight.sentBefore(job.id(), sentBefore, BATCH);
    while (fail(due, FailureReason.TIMED_OUT, sentBefore, message)) {
      due = inFlight.sentBefore(job.id(), sentBefore, BATCH);
    }
  }

  /** Past the delivery deadline: the pending executions this node has not sent since it started. */
  private void sweepUnsent(Job job, Instant now) {
    Instant resumedAt = inFlight.resumedAt();
    boolean restartTimedOut = now.isAfter(resumedAt.plus(job.executionTimeout()));
    String never = "device stayed offline past the delivery deadline of " + job.deliveryTimeout().toSeconds() + " s";
    String sinceRestart = "no final answer within " + job.executionTimeout().toSeconds() + " s of the service's restart at " + resumedAt
        + " (it may have been sent before; the device was not reached since)";
    String after = "";
    List<ExecutionStore.Unsent> page;
    while (!(page = executions.pendingAfter(job.id(), after, BATCH)).isEmpty()) {
      List<UUID> undelivered = new ArrayList<>();
      List<UUID> maybeSent = new ArrayList<>();
      for (ExecutionStore.Unsent e : page) {
        if (inFlight.contains(e.id())) {
          continue;
        }
        // a device that reported progress had it, whoever sent it; one offline since before it was stored never did
        if (e.deviceVersion() > 0 || (e.storedBefore(resumedAt) && e.deviceSeenSinceStored())) {
          maybeSent.add(e.id());
        } else {
          undelivered.add(e.id());
        }
      }
      // fenced: a device coming online now is not sent one that is being failed (nor one read before the verdict)
      List<UUID> fenced = inFlight.fence(undelivered);
      try {
        fail(fenced, FailureReason.NEVER_DELIVERED, now, never);
      } finally {
        inFlight.unfence(fenced);
      }
      if (restartTimedOut) {
        fail(maybeSent, FailureReason.TIMED_OUT, resumedAt, sinceRestart);
      }
      after = page.get(page.size() - 1).deviceId();
    }
  }

  /** Records {@code ids} as failed; returns false when none was (all raced with answers: the next sweep looks again). */
  private boolean fail(List<UUID> ids, FailureReason reason, Instant cutoff, String message) {
    if (ids.isEmpty()) {
      return false;
    }
    var result = recorder.verdicts(ids.stream().map(id -> new ExecutionEvent.EngineFailed(id, reason, cutoff, message)).toList());
    if (!result.finished().isEmpty()) {
      LOG.info("{} executions failed as {}", result.finished().size(), reason);
    }
    return !result.finished().isEmpty();
  }
}
