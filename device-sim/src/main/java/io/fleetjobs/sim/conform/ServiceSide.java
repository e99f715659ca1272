package io.fleetjobs.sim.conform;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Conform's stand-in for the service: an ordinary MQTT client on the conformance broker that publishes the device's
 * {@code down} messages and, subscribed to the device's {@code up} topics as the service is, receives what the broker
 * delivers there, the last will included (which no interceptor sees, since the broker itself publishes it).
 */
final class ServiceSide implements AutoCloseable {

  /** A message the broker delivered to the service on one of the device's up topics. */
  record Delivered(long seq, String topic, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private final String deviceId;
  private final Observer observer;
  private final Mqtt5AsyncClient client;
  private final Timeline<Delivered> delivered = new Timeline<>();

  ServiceSide(String host, int port, String deviceId, Observer observer) {
    this.deviceId = deviceId;
    this.observer = observer;
    this.client = Mqtt5Client.builder().identifier("fleet-conform-service-" + UUID.randomUUID())
        .serverHost(host).serverPort(port).buildAsync();
    client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, p ->
        delivered.add(new Delivered(observer.mark(), p.getTopic().toString(), p.getPayloadAsBytes())));
    try {
      client.connect().get(10, TimeUnit.SECONDS);
      client.subscribeWith().topicFilter(Topics.deviceUplink(deviceId)).qos(MqttQos.AT_LEAST_ONCE).send().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("conform's service client could not connect to its own broker: " + e, e);
    }
  }

  /** Publishes on one of the device's channels, QoS 1, without waiting: callers may be on a broker thread. */
  CompletableFuture<?> publish(Channel channel, byte[] payload) {
    return client.publishWith().topic(Topics.topic(deviceId, channel)).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
  }

  /** The same on one of the channels of {@code childId}, the device's child: the route through its gateway (§9). */
  CompletableFuture<?> publishToChild(String childId, Channel channel, byte[] payload) {
    return client.publishWith().topic(Topics.childTopic(deviceId, childId, channel)).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
  }

  Timeline<Delivered> delivered() {
    return delivered;
  }

  Observer observer() {
    return observer;
  }

  @Override
  public void close() {
    try {
      client.disconnect().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway: the broker goes next
    }
  }
}
