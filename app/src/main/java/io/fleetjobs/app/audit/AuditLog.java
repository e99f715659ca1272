package io.fleetjobs.app.audit;

import io.fleetjobs.app.common.BackgroundLoop;
import io.fleetjobs.app.common.BatchLoop;
import io.fleetjobs.app.common.TransientRetry;
import jakarta.inject.Singleton;

/**
 * Writes audit events in batches off the event loop (a {@link BatchLoop}): {@link #record} only queues. While the
 * database is down events wait in the queue; what is queued at shutdown is written before the service stops.
 */
@Singleton
class AuditLog implements BackgroundLoop {

  private final BatchLoop<AuditEvent> loop;

  AuditLog(AuditStore store, AuditConfig config, TransientRetry retry) {
    this.loop = new BatchLoop<>("fleet-audit-writer", config.writeBatchSize(), store::insertAll, event -> {}, retry);
  }

  /** Queues an event; never blocks. */
  void record(AuditEvent event) {
    loop.submit(event);
  }

  @Override
  public String name() {
    return "fleet-audit-writer";
  }

  @Override
  public Phase phase() {
    return Phase.WRITERS;
  }

  @Override
  public void start() {
    loop.start();
  }

  @Override
  public void stop() {
    loop.stop();
  }
}
