package io.fleetjobs.app.engine;

import io.fleetjobs.app.device.DeviceService;
import io.fleetjobs.app.device.Route;
import io.fleetjobs.app.device.Transport;
import io.fleetjobs.contract.message.ExecutionCancel;
import io.fleetjobs.contract.message.ExecutionRequest;
import io.micronaut.context.annotation.Primary;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's one channel: sends each message by its device's route (MQTT, CoAP, or MQTT through a gateway), so one
 * job can span devices of every kind.
 */
@Primary
@Singleton
class RoutingDeviceChannel implements DeviceChannel {

  private final Map<Transport, TransportChannel> channels = new EnumMap<>(Transport.class);
  private final DeviceService devices;

  RoutingDeviceChannel(List<TransportChannel> transports, DeviceService devices) {
    transports.forEach(c -> channels.put(c.transport(), c));
    this.devices = devices;
  }

  @Override
  public CompletableFuture<Void> send(String deviceId, ExecutionRequest request) {
    return send(deviceId, devices.routeOf(deviceId), request);
  }

  @Override
  public CompletableFuture<Void> send(String deviceId, Route route, ExecutionRequest request) {
    return channel(deviceId, route).send(deviceId, route, request);
  }

  @Override
  public CompletableFuture<Void> cancel(String deviceId, ExecutionCancel cancel) {
    Route route = devices.routeOf(deviceId);
    return channel(deviceId, route).cancel(deviceId, route, cancel);
  }

  @Override
  public boolean reachable(String deviceId) {
    return reachable(deviceId, devices.routeOf(deviceId));
  }

  @Override
  public boolean reachable(String deviceId, Route route) {
    TransportChannel channel = channels.get(route.transport());
    return channel == null || channel.reachable(deviceId, route); // a disabled transport fails at send, as before
  }

  private TransportChannel channel(String deviceId, Route route) {
    TransportChannel channel = channels.get(route.transport());
    if (channel == null) {
      throw new IllegalStateException("no " + route.transport() + " transport is enabled to reach device " + deviceId);
    }
    return channel;
  }
}
