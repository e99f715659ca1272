package io.fleetjobs.app.audit;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges audit events older than {@code fleet.audit.retention-days}, in batches; the retention schedule runs it daily
 * and at start-up.
 */
@Singleton
public class AuditRetention {

  private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);

  private final AuditStore store;
  private final AuditConfig config;
  private final Clock clock;

  AuditRetention(AuditStore store, AuditConfig config, Clock clock) {
    this.store = store;
    this.config = config;
    this.clock = clock;
  }

  /** Returns how many events went. */
  public int purge() {
    Instant cutoff = clock.instant().minus(Duration.ofDays(config.retentionDays()));
    int purged = 0;
    int batch;
    while ((batch = store.purgeBefore(cutoff, config.purgeBatchSize())) > 0) {
      purged += batch;
    }
    if (purged > 0) {
      LOG.info("Purged {} audit events older than {}", purged, cutoff);
    }
    return purged;
  }
}
