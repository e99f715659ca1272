package io.fleetjobs.app.engine;

import io.fleetjobs.app.device.Route;
import io.fleetjobs.contract.message.ExecutionCancel;
import io.fleetjobs.contract.message.ExecutionRequest;
import java.util.concurrent.CompletableFuture;

/**
 * The seam between the engine and a transport (MQTT, direct or through a gateway, and CoAP): how a message reaches a
 * device. The futures complete when the transport has taken the message over (for MQTT QoS 1: the broker
 * acknowledged it).
 */
public interface DeviceChannel {

  CompletableFuture<Void> send(String deviceId, ExecutionRequest request);

  /** Sends by a route the caller already read with the execution (the dispatch walk's query joins the device). */
  CompletableFuture<Void> send(String deviceId, Route route, ExecutionRequest request);

  CompletableFuture<Void> cancel(String deviceId, ExecutionCancel cancel);

  /**
   * Whether a message sent now can reach the device. An execution is marked sent only then; otherwise it waits until
   * the device asks for its work (a CoAP device that does not observe its work, as after a restart of the service).
   */
  boolean reachable(String deviceId);

  /** {@link #reachable(String)} by a route the caller already read. */
  boolean reachable(String deviceId, Route route);
}
