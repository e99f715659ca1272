package io.fleetjobs.app.job;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How deleted jobs' executions are deleted in the background ({@code fleet.purge.*}); see {@link JobPurger}.
 *
 * @param batchSize executions deleted per transaction (default {@code 10000})
 * @param rescanInterval how often the queue is read again when nothing woke the purger (default {@code 30s}); a
 *     delete or the retention purge wakes it at once
 */
@ConfigurationProperties("fleet.purge")
public record PurgeConfig(
    @Bindable(defaultValue = "10000") int batchSize,
    @Bindable(defaultValue = "30s") Duration rescanInterval) {

  public PurgeConfig {
    if (batchSize < 1) {
      throw new IllegalArgumentException("fleet.purge.batch-size must be at least 1, not " + batchSize);
    }
    if (rescanInterval.isNegative() || rescanInterval.isZero()) {
      throw new IllegalArgumentException("fleet.purge.rescan-interval must be a positive duration, not " + rescanInterval);
    }
  }
}
