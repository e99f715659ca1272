package io.fleetjobs.app.retention;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How long finished jobs are kept ({@code fleet.retention.*}).
 *
 * @param days finished (Completed, Failed, Stopped) jobs older than this many days are purged with their executions
 *     (default {@code 30}); running and pending jobs never are
 * @param batchSize executions deleted per transaction while purging (default {@code 10000})
 * @param cron when the daily purge runs (default {@code 0 15 3 * * *}, 03:15 every day); it also runs at start-up
 */
@ConfigurationProperties("fleet.retention")
public record RetentionConfig(
    @Bindable(defaultValue = "30") int days,
    @Bindable(defaultValue = "10000") int batchSize,
    @Bindable(defaultValue = "0 15 3 * * *") String cron) {}
