package io.fleetjobs.app.engine;

import io.fleetjobs.app.common.BackgroundLoop;
import io.fleetjobs.app.common.DaemonThreads;
import io.fleetjobs.app.common.TransientRetry;
import io.fleetjobs.app.job.JobEvents;
import io.fleetjobs.contract.message.ExecutionCancel;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a stop committed: tells every device that was sent work of the job and had not answered to cancel it, page by
 * page on its own thread (riding out database outages), and hands those executions to {@link ExecutionRecorder#canceled}.
 */
@Singleton
class CancelFanOut implements BackgroundLoop {

  private static final Logger LOG = LoggerFactory.getLogger(CancelFanOut.class);
  /** The name in the log and in {@code fleet_db_retries_total}. */
  private static final String CANCELS = "fleet-cancels";
  private static final int PAGE = 1000;

  private final ExecutionStore executions;
  private final DeviceChannel channel;
  private final ExecutionRecorder recorder;
  private final TransientRetry retry;
  private final Clock clock;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(DaemonThreads.named(CANCELS));

  CancelFanOut(ExecutionStore executions, DeviceChannel channel, ExecutionRecorder recorder, TransientRetry retry, Clock clock) {
    this.executions = executions;
    this.channel = channel;
    this.recorder = recorder;
    this.retry = retry;
    this.clock = clock;
    retry.register(CANCELS);
  }

  @EventListener
  void onStopped(JobEvents.Stopped event) {
    thread.execute(() -> {
      try {
        send(event.jobId());
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

  private void send(String jobId) throws InterruptedException {
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
    String from = after;
    return retry.untilDone(CANCELS, () -> executions.canceledInFlight(jobId, from, PAGE));
  }
}
