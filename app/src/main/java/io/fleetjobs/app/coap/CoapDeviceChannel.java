package io.fleetjobs.app.coap;

import io.fleetjobs.app.device.Route;
import io.fleetjobs.app.device.Transport;
import io.fleetjobs.app.engine.TransportChannel;
import io.fleetjobs.contract.message.ExecutionCancel;
import io.fleetjobs.contract.message.ExecutionRequest;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/**
 * Reaches CoAP devices, which pull their work: "sending" an execution or a cancel notifies the device's observed
 * {@code pending} resource, and the device fetches what changed.
 */
@Singleton
@Requires(property = "fleet.coap.enabled", value = "true", defaultValue = "true")
class CoapDeviceChannel implements TransportChannel {

  // a provider: the resources need the engine, which needs this channel
  private final BeanProvider<DevicesResource> devices;

  CoapDeviceChannel(BeanProvider<DevicesResource> devices) {
    this.devices = devices;
  }

  @Override
  public Transport transport() {
    return Transport.COAP;
  }

  @Override
  public CompletableFuture<Void> send(String deviceId, Route route, ExecutionRequest request) {
    devices.get().notifyPending(deviceId);
    return CompletableFuture.completedFuture(null);
  }

  /** Only a device observing its {@code pending} resource here learns of new work; the others get it when they observe. */
  @Override
  public boolean reachable(String deviceId, Route route) {
    return devices.get().observing(deviceId);
  }

  @Override
  public CompletableFuture<Void> cancel(String deviceId, Route route, ExecutionCancel cancel) {
    devices.get().canceled(deviceId, cancel.executionId());
    return CompletableFuture.completedFuture(null);
  }
}
