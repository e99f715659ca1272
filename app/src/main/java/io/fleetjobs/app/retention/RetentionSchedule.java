package io.fleetjobs.app.retention;

import io.fleetjobs.app.audit.AuditRetention;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the purges daily and once at start-up (off the start-up thread): finished jobs ({@link RetentionService}) and
 * the audit log ({@link AuditRetention}), each on its own retention period.
 */
@Singleton
class RetentionSchedule {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);

  private final RetentionService retention;
  private final AuditRetention audit;

  RetentionSchedule(RetentionService retention, AuditRetention audit) {
    this.retention = retention;
    this.audit = audit;
  }

  @Scheduled(cron = "${fleet.retention.cron:0 15 3 * * *}")
  void daily() {
    purge();
  }

  @EventListener
  @ExecuteOn(TaskExecutors.BLOCKING)
  void atStartup(StartupEvent event) {
    purge();
  }

  private void purge() {
    purge("finished jobs", retention::purge);
    purge("audit log", audit::purge); // even when the job purge failed
  }

  private static void purge(String what, java.util.function.IntSupplier purge) {
    try {
      purge.getAsInt();
    } catch (RuntimeException e) {
      LOG.error("Purging the {} failed; it is tried again at the next scheduled run", what, e);
    }
  }
}
