package io.fleetjobs.app.mqtt;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reports whether the service is connected to its MQTT broker, and where that broker is. */
@Singleton
@Liveness
class MqttHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

  private final ServiceMqttClient client;
  private final MqttConfig config;

  MqttHealthIndicator(ServiceMqttClient client, MqttConfig config) {
    this.client = client;
    this.config = config;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    boolean connected = client.isConnected();
    healthStatus = connected ? HealthStatus.UP : HealthStatus.DOWN;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("broker", client.serverAddress());
    details.put("tls", client.overTls());
    details.put("embedded", config.embedded());
    details.put("connected", connected);
    return details;
  }

  @Override
  protected String getName() {
    return "mqtt";
  }
}
