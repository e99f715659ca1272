package io.fleetjobs.app.mqtt;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.Topics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The service's MQTT connection: publishes contract messages to a device's topics at QoS 1. */
public final class ServiceMqttClient {

  private final Mqtt5AsyncClient client;

  ServiceMqttClient(Mqtt5AsyncClient client) {
    this.client = client;
  }

  public CompletableFuture<Void> publish(String deviceId, Channel channel, Object message) {
    return publish(Topics.topic(deviceId, channel), message);
  }

  /** Publishes on a topic made by {@link Topics}. */
  public CompletableFuture<Void> publish(String topic, Object message) {
    return client.publishWith()
        .topic(topic)
        .qos(MqttQos.AT_LEAST_ONCE)
        .contentType("application/json")
        .payload(ContractJson.encode(message))
        .send()
        .thenApply(result -> null);
  }

  /** The broker's {@code host:port} as the client connects to it. */
  public String serverAddress() {
    var address = client.getConfig().getServerAddress();
    return address.getHostString() + ":" + address.getPort();
  }

  /** Whether the connection is TLS. */
  public boolean overTls() {
    return client.getConfig().getSslConfig().isPresent();
  }

  public boolean isConnected() {
    return client.getState().isConnected();
  }

  public void disconnect() {
    if (client.getState().isConnectedOrReconnect()) {
      try {
        client.disconnect().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // shutting down anyway
      }
    }
  }
}
