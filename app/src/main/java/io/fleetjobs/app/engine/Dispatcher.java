package io.fleetjobs.app.engine;

import io.fleetjobs.app.common.BackgroundLoop;
import io.fleetjobs.app.common.DaemonThreads;
import io.fleetjobs.app.common.TransientRetry;
import io.fleetjobs.app.job.Job;
import io.fleetjobs.app.job.JobEvents;
import io.fleetjobs.app.job.JobStore;
import io.fleetjobs.app.job.JobsConfig;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push walk: one thread walks each running job's undelivered executions in device order and sends
 * ({@link ExecutionSender}) those whose device can be reached, never more than {@code fleet.jobs.max-in-flight}
 * waiting for an answer. A device that was offline when the walk passed it is served when it asks for its pending
 * work ({@link PendingWork}); a stop's cancels go out through {@link CancelFanOut}.
 */
@Singleton
public class Dispatcher implements BackgroundLoop {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  /** After a full walk over a job, walk it again this much later, in case a presence was missed. */
  private static final long REWALK_MILLIS = 5_000;
  /** The dispatch rounds' name in the log and in {@code fleet_db_retries_total}. */
  private static final String ROUNDS = "fleet-dispatcher";

  private final ExecutionStore executions;
  private final JobStore jobs;
  private final ExecutionSender sender;
  private final InFlight inFlight;
  private final JobsConfig config;
  private final TransientRetry retry;
  private final Clock clock;
  private final DispatchSignal signal;
  private final Map<String, String> cursors = new ConcurrentHashMap<>();
  private final Map<String, Long> rewalkAt = new ConcurrentHashMap<>();
  /** Where a walk that ran out of executions stopped, to go on from there when more are stored. */
  private final Map<String, String> resumeAt = new ConcurrentHashMap<>();
  private volatile boolean running;
  private Thread thread;

  Dispatcher(ExecutionStore executions, JobStore jobs, ExecutionSender sender, InFlight inFlight, JobsConfig config,
      TransientRetry retry, Clock clock, DispatchSignal signal) {
    this.executions = executions;
    this.jobs = jobs;
    this.sender = sender;
    this.inFlight = inFlight;
    this.config = config;
    this.retry = retry;
    this.clock = clock;
    this.signal = signal;
    retry.register(ROUNDS);
  }

  @Override
  public String name() {
    return ROUNDS;
  }

  @Override
  public Phase phase() {
    return Phase.ENGINE_RESUME;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    // what an earlier process sent is not known: everything pending is sent again (devices know the executionId and
    // repeat their answer), and what was stored before now is never failed as never delivered
    inFlight.resume(clock.instant());
    running = true;
    thread = DaemonThreads.named(ROUNDS).newThread(this::loop);
    thread.start();
  }

  @Override
  public synchronized void stop() {
    running = false;
    signal.wakeUp();
    if (thread != null) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Something may be sendable now (a job started, answers freed the window). */
  public void wakeUp() {
    signal.wakeUp();
  }

  @EventListener
  void onStarted(JobEvents.Started event) {
    cursors.remove(event.jobId());
    wakeUp();
  }

  /** More of a running job's executions were stored: walk on from where the walk had run out, without waiting. */
  @EventListener
  void onStored(JobEvents.Stored event) {
    String resume = resumeAt.remove(event.jobId());
    if (resume != null) {
      cursors.putIfAbsent(event.jobId(), resume);
    }
    rewalkAt.remove(event.jobId());
    wakeUp();
  }

  private void loop() {
    while (running) {
      try {
        int sent = round();
        if (sent == 0) {
          signal.await(config.dispatchInterval());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // a round only reads and marks what it sends: the next one does it again from the database
        if (!retry.countedRound(ROUNDS, e)) {
          LOG.error("Dispatch round failed; retrying", e);
        }
        try {
          signal.await(java.time.Duration.ofSeconds(1));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * The next page of a job's pending executions whose device is online, skipping whole pages that are all in flight
   * already (a walk passing again over what it sent): the last row of the result is where the walk goes on.
   */
  private List<ExecutionStore.Routed> unsent(String jobId, String cursor, int limit) {
    String after = cursor;
    while (true) {
      List<ExecutionStore.Routed> rows = executions.dispatchable(jobId, after, limit);
      if (rows.isEmpty() || rows.stream().anyMatch(r -> !inFlight.contains(r.row().id()))) {
        return rows;
      }
      after = rows.get(rows.size() - 1).row().deviceId();
    }
  }

  /** One pass over the running jobs; returns how many executions it sent. */
  int round() {
    int sent = 0;
    List<Job> active = jobs.running();
    cursors.keySet().retainAll(active.stream().map(Job::id).toList());
    long nowMillis = clock.millis();
    for (Job job : active) {
      int capacity = config.maxInFlight() - inFlight.size();
      if (capacity <= 0) {
        break;
      }
      if (rewalkAt.getOrDefault(job.id(), 0L) > nowMillis) {
        continue;
      }
      String cursor = cursors.getOrDefault(job.id(), "");
      long readAt = inFlight.epoch();
      List<ExecutionStore.Routed> rows = unsent(job.id(), cursor, Math.min(capacity, config.dispatchBatchSize()));
      if (rows.isEmpty()) {
        cursors.remove(job.id());
        if (!cursor.isEmpty()) {
          resumeAt.put(job.id(), cursor);
        }
        rewalkAt.put(job.id(), nowMillis + REWALK_MILLIS);
        continue;
      }
      rewalkAt.remove(job.id());
      resumeAt.remove(job.id());
      cursors.put(job.id(), rows.get(rows.size() - 1).row().deviceId());
      sent += sender.send(rows.stream().filter(r -> !inFlight.contains(r.row().id())).toList(), id -> job, readAt);
    }
    rewalkAt.keySet().retainAll(active.stream().map(Job::id).toList());
    resumeAt.keySet().retainAll(rewalkAt.keySet());
    return sent;
  }
}
