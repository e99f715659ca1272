package io.fleetjobs.app.engine;

import io.fleetjobs.app.common.BackgroundLoop;
import io.fleetjobs.app.common.DaemonThreads;
import io.fleetjobs.app.common.TransientRetry;
import io.fleetjobs.app.job.Job;
import io.fleetjobs.app.job.JobEvents;
import io.fleetjobs.app.job.JobStore;
import io.fleetjobs.contract.message.ExecutionCancel;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a stop committed: tells every device that was sent work of the job and had not answered to cancel it, on its
 * own thread (riding out database outages), and hands those executions to {@link ExecutionRecorder#canceled}. Who was
 * sent what is {@link InFlight}'s, drained as the stop is announced so nothing of the job goes out after; for a job
 * that ran before this node's engine started, every canceled execution stored before then gets a cancel too, as an
 * earlier process may have sent it (a device ignores a cancel of work it never had, CONTRACT.md §8).
 */
@Singleton
class CancelFanOut implements BackgroundLoop {

  private static final Logger LOG = LoggerFactory.getLogger(CancelFanOut.class);
  /** The name in the log and in {@code fleet_db_retries_total}. */
  private static final String CANCELS = "fleet-cancels";
  private static final int PAGE = 1000;

  private final ExecutionStore executions;
  private final JobStore jobs;
  private final InFlight inFlight;
  private final DeviceChannel channel;
  private final ExecutionRecorder recorder;
  private final TransientRetry retry;
  private final Clock clock;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(DaemonThreads.named(CANCELS));

  CancelFanOut(ExecutionStore executions, JobStore jobs, InFlight inFlight, DeviceChannel channel, ExecutionRecorder recorder,
      TransientRetry retry, Clock clock) {
    this.executions = executions;
    this.jobs = jobs;
    this.inFlight = inFlight;
    this.channel = channel;
    this.recorder = recorder;
    this.retry = retry;
    this.clock = clock;
    retry.register(CANCELS);
  }

  @EventListener
  void onStopped(JobEvents.Stopped event) {
    Map<UUID, InFlight.Sent> sent = inFlight.drain(event.jobId());
    thread.execute(() -> {
      try {
        send(event.jobId(), sent);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // stopping: devices still at work finish and their answers are ignored
      }
    });
  }

  @Override
  public String name() {
    return CANCELS;
  }

  @Override
  public Phase phase() {
    return Phase.ENGINE;
  }

  @Override
  public void start() {
    // its thread takes the cancels of each stop as it commits; nothing to start
  }

  @Override
  public void stop() {
    thread.shutdown();
  }

  private void send(String jobId, Map<UUID, InFlight.Sent> sent) throws InterruptedException {
    Instant now = clock.instant();
    sent.forEach((id, s) -> channel.cancel(s.deviceId(), cancel(id, jobId, now)));
    recorder.canceled(sent.keySet());
    int count = sent.size();
    Instant resumedAt = inFlight.resumedAt();
    Instant started = retry.untilDone(CANCELS, () -> jobs.find(jobId).map(Job::startedAt).orElse(null));
    if (started != null && started.isBefore(resumedAt)) {
      String after = "";
      List<ExecutionRow> page;
      while (!(page = canceledStoredBefore(jobId, resumedAt, after)).isEmpty()) {
        Instant at = clock.instant();
        List<ExecutionRow> untold = page.stream().filter(row -> !sent.containsKey(row.id())).toList();
        untold.forEach(row -> channel.cancel(row.deviceId(), cancel(row.id(), jobId, at)));
        recorder.canceled(untold.stream().map(ExecutionRow::id).toList());
        count += untold.size();
        after = page.get(page.size() - 1).deviceId();
      }
    }
    LOG.info("Sent {} cancels for stopped job {}", count, jobId);
  }

  private static ExecutionCancel cancel(UUID id, String jobId, Instant now) {
    return ExecutionCancel.of(id.toString(), jobId, "job stopped by the operator", now);
  }

  private List<ExecutionRow> canceledStoredBefore(String jobId, Instant resumedAt, String after) throws InterruptedException {
    String from = after;
    return retry.untilDone(CANCELS, () -> executions.canceledStoredBefore(jobId, resumedAt, from, PAGE));
  }
}
