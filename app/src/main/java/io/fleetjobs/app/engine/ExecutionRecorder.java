package io.fleetjobs.app.engine;

import io.fleetjobs.app.job.ExecutionStatus;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Every change of an execution the engine makes goes through here (a device's answer, a timeout, never delivered, a
 * stop's cancels), so its bookkeeping is written once: the ledger records it and finishes the jobs it completes, and
 * then the execution leaves the in-flight window, is counted in the metrics, and the dispatch walk is woken for the
 * room it freed.
 */
@Singleton
public class ExecutionRecorder {

  private final ExecutionLedger ledger;
  private final InFlight inFlight;
  private final EngineMetrics metrics;
  private final DispatchSignal signal;

  ExecutionRecorder(ExecutionLedger ledger, InFlight inFlight, EngineMetrics metrics, DispatchSignal signal) {
    this.ledger = ledger;
    this.inFlight = inFlight;
    this.metrics = metrics;
    this.signal = signal;
  }

  /** Records devices' answers; the latency metric measures from sending to the answer recorded. */
  ExecutionLedger.Result answers(List<ExecutionEvent.DeviceReported> events) {
    return record(events, true);
  }

  /** Records the engine's own verdicts (timed out, never delivered), which say nothing of a device's latency. */
  ExecutionLedger.Result verdicts(List<ExecutionEvent.EngineFailed> events) {
    return record(events, false);
  }

  /**
   * A stop's cancels, in the stop's transaction: the job's PENDING executions become CANCELED. Those that were sent
   * are told by {@link CancelFanOut} after the commit, and their bookkeeping is {@link #canceled}.
   */
  public int cancelPending(String jobId, Instant now) {
    return ledger.cancelPending(jobId, now);
  }

  /** Executions a stop canceled (in one statement, by the job's stop) whose devices are being told. */
  void canceled(Collection<UUID> ids) {
    ids.forEach(inFlight::finished);
    metrics.canceled(ids.size());
    if (!ids.isEmpty()) {
      signal.wakeUp();
    }
  }

  private ExecutionLedger.Result record(List<? extends ExecutionEvent> events, boolean answered) {
    ExecutionLedger.Result result = ledger.record(events);
    result.over().forEach(inFlight::finished); // sent as it ended (a race, or a repeat): nothing to wait for
    for (ExecutionChange change : result.finished()) {
      long sentFor = inFlight.finished(change.id());
      if (answered) {
        metrics.latency(sentFor);
      }
      if (change.status() == ExecutionStatus.COMPLETED) {
        metrics.completed();
      } else if (change.status() == ExecutionStatus.FAILED) {
        metrics.failed();
      }
    }
    if (!result.finished().isEmpty()) {
      signal.wakeUp();
    }
    return result;
  }
}
