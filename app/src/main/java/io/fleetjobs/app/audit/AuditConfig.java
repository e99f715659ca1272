package io.fleetjobs.app.audit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * The audit log ({@code fleet.audit.*}).
 *
 * @param retentionDays audit events older than this many days are purged, daily with the job retention
 *     ({@code fleet.retention.cron}) and at start-up (default {@code 365})
 * @param trustedProxies addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For} header is believed
 *     (default: none, the header is ignored and the address the request came from is recorded)
 * @param writeBatchSize audit events written per batch (default {@code 500})
 * @param purgeBatchSize audit events deleted per statement while purging (default {@code 10000})
 */
@ConfigurationProperties("fleet.audit")
public record AuditConfig(
    @Bindable(defaultValue = "365") int retentionDays,
    @Nullable List<String> trustedProxies,
    @Bindable(defaultValue = "500") int writeBatchSize,
    @Bindable(defaultValue = "10000") int purgeBatchSize) {

  public AuditConfig {
    if (retentionDays < 1) {
      throw new IllegalArgumentException("fleet.audit.retention-days must be at least 1, not " + retentionDays);
    }
    if (writeBatchSize < 1 || purgeBatchSize < 1) {
      throw new IllegalArgumentException("fleet.audit.write-batch-size and purge-batch-size must be at least 1");
    }
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
  }
}
