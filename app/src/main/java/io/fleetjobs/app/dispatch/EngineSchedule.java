package io.fleetjobs.app.dispatch;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/** Runs the timeout sweep on a schedule; the work is in {@link TimeoutSweeper}. */
@Singleton
class EngineSchedule {

  private final TimeoutSweeper sweeper;

  EngineSchedule(TimeoutSweeper sweeper) {
    this.sweeper = sweeper;
  }

  @Scheduled(fixedDelay = "${fleet.jobs.sweep-interval:2s}", initialDelay = "${fleet.jobs.sweep-interval:2s}")
  void sweep() {
    sweeper.sweep();
  }
}
