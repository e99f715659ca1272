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
 */
@ConfigurationProperties("fleet.database")
public record DatabaseConfig(@Bindable(defaultValue = "PT1M") Duration statementTimeout) {}
