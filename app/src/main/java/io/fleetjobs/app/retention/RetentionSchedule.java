package io.fleetjobs.app.retention;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/** Runs the purge daily and once at start-up (off the start-up thread); the work is in {@link RetentionService}. */
@Singleton
class RetentionSchedule {

  private final RetentionService retention;

  RetentionSchedule(RetentionService retention) {
    this.retention = retention;
  }

  @Scheduled(cron = "${fleet.retention.cron:0 15 3 * * *}")
  void daily() {
    retention.purge();
  }

  @EventListener
  @ExecuteOn(TaskExecutors.BLOCKING)
  void atStartup(StartupEvent event) {
    retention.purge();
  }
}
