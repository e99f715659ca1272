package io.fleetjobs.sim;

import io.fleetjobs.contract.Channel;
import java.util.concurrent.CompletableFuture;

/**
 * How a simulated device talks to the service: MQTT ({@link MqttLink}) or CoAP ({@link CoapLink}). The device's
 * behaviour is the same over both; a link turns it into the transport's messages and calls back the device's
 * {@link Listener} with what arrives.
 */
interface DeviceLink {

  /** What a link reports to its device. */
  interface Listener {
    void connected();

    void disconnected();

    void message(Channel channel, byte[] payload);

    /** The service canceled an execution (CoAP reports cancels as ids in the pending list). */
    void canceled(String executionId);
  }

  /** Connects and announces the device (birth, then asking for pending work); completes when that is done. */
  CompletableFuture<Void> connect();

  /** Goes away without a goodbye: over MQTT the broker publishes the last will; over CoAP the presence lapses. */
  CompletableFuture<Void> drop();

  /** Says OFFLINE, then goes away. */
  CompletableFuture<Void> close();

  /** Sends a device-to-service message. */
  CompletableFuture<Void> send(Channel channel, byte[] payload);
}
