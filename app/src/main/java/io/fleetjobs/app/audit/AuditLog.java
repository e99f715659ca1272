package io.fleetjobs.app.audit;

import io.fleetjobs.app.common.BatchLoop;
import io.fleetjobs.app.common.TransientRetry;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * Writes audit events in batches off the event loop (a {@link BatchLoop}): {@link #record} only queues. While the
 * database is down events wait in the queue; what is queued at shutdown is written before the service stops.
 */
@Singleton
class AuditLog {

  private final BatchLoop<AuditEvent> loop;

  AuditLog(AuditStore store, AuditConfig config, TransientRetry retry) {
    this.loop = new BatchLoop<>("fleet-audit-writer", config.writeBatchSize(), store::insertAll, event -> {}, retry);
  }

  /** Queues an event; never blocks. */
  void record(AuditEvent event) {
    loop.submit(event);
  }

  @EventListener
  void onStartup(StartupEvent event) {
    loop.start();
  }

  @EventListener
  void onShutdown(ShutdownEvent event) {
    loop.stop();
  }
}
