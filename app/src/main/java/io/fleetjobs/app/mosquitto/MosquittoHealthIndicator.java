package io.fleetjobs.app.mosquitto;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether mosquitto's files are current: DOWN while the last write or reload failed, since credential changes (a
 * revocation) are then not in force on the broker.
 */
@Singleton
@Requires(bean = MosquittoSync.class)
class MosquittoHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

  private final MosquittoSync sync;

  MosquittoHealthIndicator(MosquittoSync sync) {
    this.sync = sync;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    MosquittoSync.State state = sync.state();
    healthStatus = state.failure() == null && state.syncedAt() != null ? HealthStatus.UP : HealthStatus.DOWN;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("dir", state.dir().toString());
    details.put("devices", state.devices());
    details.put("syncedAt", state.syncedAt() == null ? null : state.syncedAt().toString());
    if (!state.skipped().isEmpty()) {
      details.put("notRepresentable", state.skipped().size());
    }
    if (state.failure() != null) {
      details.put("failure", state.failure());
    }
    return details;
  }

  @Override
  protected String getName() {
    return "mosquitto-files";
  }
}
