package io.fleetjobs.app.common;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every pooled connection {@code fleet.database.statement-timeout}, as the pool's {@code connection-init-sql}
 * in the dialect of the configured database, before the pool is made from the configuration.
 */
@Singleton
class StatementTimeout implements BeanCreatedEventListener<DatasourceConfiguration> {

  private static final Logger LOG = LoggerFactory.getLogger(StatementTimeout.class);

  private final DatabaseConfig config;

  StatementTimeout(DatabaseConfig config) {
    this.config = config;
  }

  @Override
  public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
    DatasourceConfiguration datasource = event.getBean();
    Duration timeout = config.statementTimeout();
    if (timeout.isZero() || timeout.isNegative()) {
      return datasource;
    }
    if (datasource.getConnectionInitSql() != null) {
      LOG.info("Datasource {} sets its own connection-init-sql: fleet.database.statement-timeout is not applied", datasource.getName());
      return datasource;
    }
    String sql = initSql(datasource.getUrl(), timeout);
    if (sql == null) {
      LOG.warn("fleet.database.statement-timeout is not applied to datasource {}: only PostgreSQL and H2 are known", datasource.getName());
    } else {
      datasource.setConnectionInitSql(sql);
    }
    return datasource;
  }

  /** The statement that sets the timeout on a connection to the database at {@code jdbcUrl}; null for other databases. */
  static String initSql(String jdbcUrl, Duration timeout) {
    if (jdbcUrl == null) {
      return null;
    }
    long millis = timeout.toMillis();
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return "SET statement_timeout = " + millis;
    }
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return "SET QUERY_TIMEOUT " + millis;
    }
    return null;
  }
}
