package io.fleetjobs.app.dispatch;

import io.fleetjobs.app.device.DeviceService;
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
 * The engine's one channel: sends each message over the transport of its device (MQTT or CoAP), so one job can span
 * devices of both kinds.
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
    return channel(deviceId).send(deviceId, request);
  }

  @Override
  public CompletableFuture<Void> cancel(String deviceId, ExecutionCancel cancel) {
    return channel(deviceId).cancel(deviceId, cancel);
  }

  private DeviceChannel channel(String deviceId) {
    Transport transport = devices.transportOf(deviceId);
    TransportChannel channel = channels.get(transport);
    if (channel == null) {
      throw new IllegalStateException("no " + transport + " transport is enabled to reach device " + deviceId);
    }
    return channel;
  }
}
