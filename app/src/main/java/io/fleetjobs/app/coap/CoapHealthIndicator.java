package io.fleetjobs.app.coap;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.Endpoint;

/** Reports whether the CoAP server's endpoints are started, and where they listen ({@code coaps://...}, {@code coap://...}). */
@Singleton
@Requires(property = "fleet.coap.enabled", value = "true", defaultValue = "true")
class CoapHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

  private final CoapServer server;

  CoapHealthIndicator(CoapServer server) {
    this.server = server;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    boolean started = !server.getEndpoints().isEmpty() && server.getEndpoints().stream().allMatch(Endpoint::isStarted);
    healthStatus = started ? HealthStatus.UP : HealthStatus.DOWN;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("endpoints", server.getEndpoints().stream().map(e -> String.valueOf(e.getUri())).toList());
    return details;
  }

  @Override
  protected String getName() {
    return "coap";
  }
}
