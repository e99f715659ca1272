package io.fleetjobs.app.engine;

import io.fleetjobs.app.device.Route;
import io.fleetjobs.app.device.Transport;
import io.fleetjobs.contract.message.ExecutionCancel;
import io.fleetjobs.contract.message.ExecutionRequest;
import java.util.concurrent.CompletableFuture;

/** How one transport reaches a device by its route; {@link RoutingDeviceChannel} picks the transport per device. */
public interface TransportChannel {

  Transport transport();

  CompletableFuture<Void> send(String deviceId, Route route, ExecutionRequest request);

  CompletableFuture<Void> cancel(String deviceId, Route route, ExecutionCancel cancel);

  /** See {@link DeviceChannel#reachable}; a transport that keeps messages for offline devices (MQTT) always can. */
  default boolean reachable(String deviceId, Route route) {
    return true;
  }
}
