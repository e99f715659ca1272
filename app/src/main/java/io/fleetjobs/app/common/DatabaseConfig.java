package io.fleetjobs.app.common;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How the service uses its database beyond the pool's own settings ({@code fleet.database.*}; the pool is
 * {@code datasources.default.*}).
 *
 * @param statementTimeout longest a single statement may run before the database cancels it (default {@code PT1M};
 *     {@code 0}: no limit): a statement stuck behind a lock then fails, and the background writers retry it instead
 *     of waiting forever. Applied to every pooled connection on PostgreSQL ({@code statement_timeout}) and H2
 *     ({@code QUERY_TIMEOUT}), unless the datasource sets its own {@code connection-init-sql}
 * @param h2Housekeeping how often the service has an H2 file database rewrite its sparse chunks (default
 *     {@code PT30S}; {@code 0}: never). H2 does this in a background thread of its own only when commits are written
 *     late ({@code WRITE_DELAY} above 0); with {@code WRITE_DELAY=0}, which a crash needs, its file grew without bound
 *     (a soak: 230 MB in 16 minutes for 3 MB of rows). Ignored on PostgreSQL
 */
@ConfigurationProperties("fleet.database")
public record DatabaseConfig(
    @Bindable(defaultValue = "PT1M") Duration statementTimeout,
    @Bindable(defaultValue = "PT30S") Duration h2Housekeeping) {

  public DatabaseConfig {
    if (statementTimeout.isNegative()) {
      throw new IllegalArgumentException("fleet.database.statement-timeout must not be negative");
    }
    if (h2Housekeeping.isNegative()) {
      throw new IllegalArgumentException("fleet.database.h2-housekeeping must not be negative");
    }
  }
}
