package io.fleetjobs.app.retention;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How long finished jobs are kept ({@code fleet.retention.*}). How fast their executions are then deleted is
 * {@code fleet.purge.*}.
 *
 * @param days finished (Completed, Failed, Stopped) jobs older than this many days are purged with their executions
 *     (default {@code 30}); running and pending jobs never are
 * @param cron when the daily purge runs (default {@code 0 15 3 * * *}, 03:15 every day); it also runs at start-up,
 *     on a thread of its own ({@code fleet-retention}) while the service already answers
 */
@ConfigurationProperties("fleet.retention")
public record RetentionConfig(
    @Bindable(defaultValue = "30") int days,
    @Bindable(defaultValue = "0 15 3 * * *") String cron) {

  public RetentionConfig {
    // 0 or less would purge every finished job at once, the one just finished included
    if (days < 1) {
      throw new IllegalArgumentException("fleet.retention.days must be at least 1, not " + days);
    }
  }
}
