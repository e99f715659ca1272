package io.fleetjobs.app.engine;

import io.fleetjobs.app.common.BackgroundLoop;
import io.fleetjobs.app.common.DaemonThreads;
import io.fleetjobs.app.common.TransientRetry;
import io.fleetjobs.app.device.DeviceService;
import io.fleetjobs.app.job.JobsConfig;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code fleet.jobs.sweep-interval}: presences past their lifetime expire, then {@link TimeoutSweeper} fails
 * what timed out or was never delivered. On the engine's own timer, so the sweep stops with the engine and never
 * runs against a closing context.
 */
@Singleton
class SweepTimer implements BackgroundLoop {

  private static final Logger LOG = LoggerFactory.getLogger(SweepTimer.class);
  private static final String SWEEPS = "fleet-timeout-sweeper";

  private final TimeoutSweeper sweeper;
  private final DeviceService devices;
  private final JobsConfig config;
  private final TransientRetry retry;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(SWEEPS));

  SweepTimer(TimeoutSweeper sweeper, DeviceService devices, JobsConfig config, TransientRetry retry) {
    this.sweeper = sweeper;
    this.devices = devices;
    this.config = config;
    this.retry = retry;
    retry.register(SWEEPS);
  }

  @Override
  public String name() {
    return SWEEPS;
  }

  @Override
  public Phase phase() {
    return Phase.ENGINE;
  }

  @Override
  public void start() {
    long every = config.sweepInterval().toMillis();
    timer.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    timer.shutdownNow();
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
}
