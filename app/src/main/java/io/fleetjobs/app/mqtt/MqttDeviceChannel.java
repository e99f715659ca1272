package io.fleetjobs.app.mqtt;

import io.fleetjobs.app.device.Route;
import io.fleetjobs.app.device.Transport;
import io.fleetjobs.app.engine.TransportChannel;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.Topics;
import io.fleetjobs.contract.message.ExecutionCancel;
import io.fleetjobs.contract.message.ExecutionRequest;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/**
 * Reaches devices over MQTT: executions on {@code down/execution}, cancels on {@code down/cancel}, of the device's own
 * topics or, for a gateway's child, of the child's topics under the gateway.
 */
@Singleton
class MqttDeviceChannel implements TransportChannel {

  @Override
  public Transport transport() {
    return Transport.MQTT;
  }

  // a provider: the client subscribes the inbound handler, which needs the engine, which needs this channel
  private final BeanProvider<ServiceMqttClient> client;

  MqttDeviceChannel(BeanProvider<ServiceMqttClient> client) {
    this.client = client;
  }

  @Override
  public CompletableFuture<Void> send(String deviceId, Route route, ExecutionRequest request) {
    return client.get().publish(topic(deviceId, route, Channel.EXECUTION), request);
  }

  @Override
  public CompletableFuture<Void> cancel(String deviceId, Route route, ExecutionCancel cancel) {
    return client.get().publish(topic(deviceId, route, Channel.CANCEL), cancel);
  }

  private static String topic(String deviceId, Route route, Channel channel) {
    return route.viaGateway() ? Topics.childTopic(route.gatewayId(), deviceId, channel) : Topics.topic(deviceId, channel);
  }
}
