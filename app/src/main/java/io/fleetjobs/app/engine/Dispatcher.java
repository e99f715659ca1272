package io.fleetjobs.app.engine;

import io.fleetjobs.app.common.BatchLoop;
import io.fleetjobs.app.common.Sql;
import io.fleetjobs.app.common.TransientRetry;
import io.fleetjobs.app.device.DeviceService;
import io.fleetjobs.app.job.Job;
import io.fleetjobs.app.job.JobEvents;
import io.fleetjobs.app.job.JobStore;
import io.fleetjobs.app.job.JobsConfig;
import io.fleetjobs.contract.message.ExecutionCancel;
import io.fleetjobs.contract.message.ExecutionRequest;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends executions to devices. One thread walks each running job's undelivered executions in device order, sends
 * those whose device is online, and never lets more than {@code fleet.jobs.max-in-flight} wait for an answer. A
 * device that was offline when the walk passed it is served when it asks for its pending work on reconnecting.
 * Every execution is marked sent before it is published, so a stop that wins the race keeps it from going out.
 */
@Singleton
public class Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  /** After a full walk over a job, walk it again this much later, in case a presence was missed. */
  private static final long REWALK_MILLIS = 5_000;
  /** The dispatch rounds' and the cancels' names in the log and in {@code fleet_db_retries_total}. */
  private static final String ROUNDS = "fleet-dispatcher";
  private static final String CANCELS = "fleet-cancels";

  private final ExecutionStore executions;
  private final JobStore jobs;
  private final DeviceChannel channel;
  private final InFlight inFlight;
  private final EngineMetrics metrics;
  private final JobsConfig config;
  private final Sql sql;
  private final TransientRetry retry;
  private final Clock clock;
  private final DispatchSignal signal;
  private final DeviceService devices;
  private final ExecutionRecorder recorder;
  private final Map<String, String> cursors = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Long> rewalkAt = new java.util.concurrent.ConcurrentHashMap<>();
  /** Where a walk that ran out of executions stopped, to go on from there when more are stored. */
  private final Map<String, String> resumeAt = new java.util.concurrent.ConcurrentHashMap<>();
  private final ExecutorService cancels = Executors.newSingleThreadExecutor(r -> daemon(r, "fleet-cancels"));
  private final BatchLoop<String> pendingRequests;
  private volatile boolean running;
  private Thread thread;

  Dispatcher(
      ExecutionStore executions, JobStore jobs, DeviceChannel channel, InFlight inFlight, EngineMetrics metrics, JobsConfig config,
      Sql sql, TransientRetry retry, Clock clock, DispatchSignal signal, ExecutionRecorder recorder, DeviceService devices) {
    this.devices = devices;
    this.signal = signal;
    this.recorder = recorder;
    this.executions = executions;
    this.jobs = jobs;
    this.channel = channel;
    this.inFlight = inFlight;
    this.metrics = metrics;
    this.config = config;
    this.sql = sql;
    this.retry = retry;
    this.clock = clock;
    this.pendingRequests = new BatchLoop<>("fleet-pending-requests", 1000, this::servePending, id -> {}, retry);
    retry.register(ROUNDS);
    retry.register(CANCELS);
  }

  synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = daemon(this::loop, "fleet-dispatcher");
    thread.start();
    pendingRequests.start();
  }

  synchronized void stop() {
    pendingRequests.stop();
    running = false;
    signal.wakeUp();
    if (thread != null) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    cancels.shutdown();
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

  @EventListener
  void onStopped(JobEvents.Stopped event) {
    cancels.execute(() -> sendCancels(event.jobId()));
  }

  /**
   * Answers a device's pending request: (re)sends every unfinished execution it has in running jobs. Requests are
   * answered in batches, one query for however many queued up (a fleet reconnecting sends thousands at once).
   */
  public void servePending(String deviceId) {
    pendingRequests.submit(deviceId);
  }

  private void servePending(List<String> deviceIds) {
    List<ExecutionRow> rows = executions.pendingForDevices(deviceIds.stream().distinct().toList());
    if (!rows.isEmpty()) {
      Map<String, Job> byId = new HashMap<>();
      // these devices just spoke, so their routes are cached
      send(rows.stream().map(row -> new ExecutionStore.Routed(row, devices.routeOf(row.deviceId()))).toList(),
          jobId -> byId.computeIfAbsent(jobId, id -> jobs.find(id).orElse(null)));
    }
  }

  /**
   * What a device that pulls its work (CoAP) is owed now: its unfinished executions in running jobs. Those never
   * sent count as sent from now, so their timeout starts; nothing is pushed, the device is reading the list.
   */
  public List<ExecutionRow> claimPending(String deviceId) {
    List<ExecutionRow> rows = executions.pendingForDevice(deviceId);
    List<UUID> unsent = rows.stream().filter(r -> r.dispatchedAt() == null).map(ExecutionRow::id).toList();
    if (!unsent.isEmpty()) {
      int[] marked = sql.inTransaction(() -> executions.markDispatched(unsent, clock.instant()));
      int claimed = 0;
      for (int i = 0; i < unsent.size(); i++) {
        if (marked[i] == 1) {
          inFlight.sent(unsent.get(i));
          claimed++;
        }
      }
      metrics.dispatched(claimed);
    }
    return rows;
  }

  /** The request for one of a device's pending executions, as it was (or would be) sent to it. */
  public java.util.Optional<ExecutionRequest> pendingRequest(String deviceId, UUID executionId) {
    return executions.load(List.of(executionId)).stream()
        .filter(row -> row.deviceId().equals(deviceId) && row.status() == io.fleetjobs.app.job.ExecutionStatus.PENDING)
        .findFirst()
        .flatMap(row -> jobs.find(row.jobId())
            .filter(job -> job.status() == io.fleetjobs.app.job.JobStatus.RUNNING)
            .map(job -> ExecutionRequest.of(row.id().toString(), job.id(), 1, job.operations(), job.executionTimeout().toSeconds(),
                row.dispatchedAt() == null ? clock.instant() : row.dispatchedAt())));
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
      List<ExecutionStore.Routed> rows = executions.dispatchable(job.id(), cursor, Math.min(capacity, config.dispatchBatchSize()));
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
      sent += send(rows, id -> job);
    }
    rewalkAt.keySet().retainAll(active.stream().map(Job::id).toList());
    resumeAt.keySet().retainAll(rewalkAt.keySet());
    return sent;
  }

  private int send(List<ExecutionStore.Routed> all, java.util.function.Function<String, Job> jobOf) {
    // not sent, so not timing out, while its device cannot be reached; it goes out when the device asks for its work
    List<ExecutionStore.Routed> rows = all.stream().filter(r -> channel.reachable(r.row().deviceId(), r.route())).toList();
    if (rows.isEmpty()) {
      return 0;
    }
    Instant now = clock.instant();
    List<UUID> ids = rows.stream().map(r -> r.row().id()).toList();
    int[] marked = sql.inTransaction(() -> executions.markDispatched(ids, now));
    int sent = 0;
    for (int i = 0; i < rows.size(); i++) {
      ExecutionRow row = rows.get(i).row();
      Job job = jobOf.apply(row.jobId());
      if (marked[i] == 0 || job == null) {
        continue;
      }
      ExecutionRequest request = ExecutionRequest.of(
          row.id().toString(), job.id(), 1, job.operations(), job.executionTimeout().toSeconds(), now);
      inFlight.sent(row.id());
      channel.send(row.deviceId(), rows.get(i).route(), request).whenComplete((ok, error) -> {
        if (error != null) {
          // the execution stays sent-but-unanswered: the device gets it on its next pending request, or it times out
          LOG.warn("Could not send execution {} to device {}: {}", row.id(), row.deviceId(), error.toString());
        }
      });
      sent++;
    }
    metrics.dispatched(sent);
    return sent;
  }

  private void sendCancels(String jobId) {
    try {
      sendCancelsThroughOutages(jobId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stopping: devices still at work finish and their answers are ignored
    }
  }

  private void sendCancelsThroughOutages(String jobId) throws InterruptedException {
    String after = "";
    int count = 0;
    List<ExecutionRow> page;
    while (!(page = canceledInFlight(jobId, after)).isEmpty()) {
      Instant now = clock.instant();
      for (ExecutionRow row : page) {
        channel.cancel(row.deviceId(), ExecutionCancel.of(row.id().toString(), jobId, "job stopped by the operator", now));
      }
      recorder.canceled(page.stream().map(ExecutionRow::id).toList());
      count += page.size();
      after = page.get(page.size() - 1).deviceId();
    }
    LOG.info("Sent {} cancels for stopped job {}", count, jobId);
  }

  private List<ExecutionRow> canceledInFlight(String jobId, String after) throws InterruptedException {
    return retry.untilDone(CANCELS, () -> executions.canceledInFlight(jobId, after, 1000));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

}
