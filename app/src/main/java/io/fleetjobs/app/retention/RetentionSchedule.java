package io.fleetjobs.app.retention;

import io.fleetjobs.app.common.BackgroundLoop;
import io.fleetjobs.app.common.DaemonThreads;
import io.fleetjobs.app.audit.AuditRetention;
import io.micronaut.scheduling.annotation.Scheduled;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the purges daily and once at start-up: finished jobs ({@link RetentionService}) and the audit log
 * ({@link AuditRetention}), each on its own retention period. The start-up run goes on a thread of its own
 * ({@code fleet-retention}), so the HTTP server answers while it runs: the start-up event is published on the
 * start-up thread before the server starts, and {@code @ExecuteOn} on the listener did not move it off that thread.
 */
@Singleton
class RetentionSchedule implements BackgroundLoop {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);

  private final RetentionService retention;
  private final AuditRetention audit;
  private final ExecutorService startupRun = Executors.newSingleThreadExecutor(DaemonThreads.named("fleet-retention"));

  RetentionSchedule(RetentionService retention, AuditRetention audit) {
    this.retention = retention;
    this.audit = audit;
  }

  @Scheduled(cron = "${fleet.retention.cron:0 15 3 * * *}")
  void daily() {
    purge();
  }

  @Override
  public String name() {
    return "fleet-retention";
  }

  @Override
  public Phase phase() {
    return Phase.HOUSEKEEPING;
  }

  @Override
  public void start() {
    startupRun.execute(() -> {
      purge();
      LOG.info("The start-up purge is done");
    });
  }

  @Override
  public void stop() {
    startupRun.shutdownNow();
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
