package io.fleetjobs.app.engine;

import io.fleetjobs.app.common.DaemonThreads;
import io.fleetjobs.app.common.TransientRetry;
import io.fleetjobs.app.job.JobsConfig;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the engine's threads with the application and stops them with it. After a restart, executions that were
 * in flight are sent again: devices recognise the executionId and answer without redoing the work.
 */
@Singleton
class EngineLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(EngineLifecycle.class);
  private static final String SWEEPS = "fleet-timeout-sweeper";

  private final Dispatcher dispatcher;
  private final PendingWork pendingWork;
  private final CancelFanOut cancels;
  private final UpdateWriter writer;
  private final TimeoutSweeper sweeper;
  private final ExecutionStore executions;
  private final JobsConfig config;
  private final io.fleetjobs.app.device.DeviceService devices;
  private final TransientRetry retry;
  // the engine's own timer, so the sweep stops with the engine and never runs against a closing context
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("fleet-timeout-sweeper"));

  EngineLifecycle(
      Dispatcher dispatcher, PendingWork pendingWork, CancelFanOut cancels, UpdateWriter writer, TimeoutSweeper sweeper, ExecutionStore executions, JobsConfig config,
      io.fleetjobs.app.device.DeviceService devices, TransientRetry retry) {
    this.devices = devices;
    this.retry = retry;
    retry.register(SWEEPS);
    this.dispatcher = dispatcher;
    this.pendingWork = pendingWork;
    this.cancels = cancels;
    this.writer = writer;
    this.sweeper = sweeper;
    this.executions = executions;
    this.config = config;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    int resent = executions.resetInFlight();
    if (resent > 0) {
      LOG.info("Resuming: {} executions that were in flight will be sent again", resent);
    }
    writer.start();
    dispatcher.start();
    pendingWork.start();
    long every = config.sweepInterval().toMillis();
    timer.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
  }

  private void sweep() {
    try {
      devices.expirePresence();
      sweeper.sweep();
    } catch (RuntimeException e) {
      if (!retry.countedRound(SWEEPS, e)) {
        LOG.error("Timeout sweep failed; retrying at the next one", e);
      }
    }
  }

  @EventListener
  void onShutdown(ShutdownEvent event) {
    timer.shutdownNow();
    pendingWork.stop();
    dispatcher.stop();
    cancels.stop();
    writer.stop();
  }
}
