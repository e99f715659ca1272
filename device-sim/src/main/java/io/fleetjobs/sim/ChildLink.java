package io.fleetjobs.sim;

import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.Topics;
import io.fleetjobs.contract.message.PendingRequest;
import io.fleetjobs.contract.message.Presence;
import java.util.concurrent.CompletableFuture;

/**
 * A gateway child's "link": no connection of its own, it speaks on its child topics
 * ({@code fleet/v1/gateways/{gw}/devices/{child}/...}) through the gateway's MQTT connection. The child is connected
 * while the gateway is and the child is attached; leaving the gateway ({@link #drop()}) makes the gateway say OFFLINE
 * for it, coming back announces it again.
 */
final class ChildLink implements DeviceLink {

  private final String gatewayId;
  private final String id;
  private final Presence birth;
  private final Listener listener;
  private final MqttLink gateway;
  private volatile boolean attached = true;
  private volatile boolean up;

  ChildLink(String gatewayId, String id, Presence birth, Listener listener, MqttLink gateway) {
    this.gatewayId = gatewayId;
    this.id = id;
    this.birth = birth;
    this.listener = listener;
    this.gateway = gateway;
  }

  /** Attaches the child; announces it now if its gateway is connected, else the gateway does on its next connect. */
  @Override
  public CompletableFuture<Void> connect() {
    attached = true;
    return gateway.isConnected() ? announce() : CompletableFuture.completedFuture(null);
  }

  /** Birth then pending request on the child's topics; called by the gateway after each of its connects. */
  CompletableFuture<Void> announce() {
    if (!attached) {
      return CompletableFuture.completedFuture(null);
    }
    up = true;
    listener.connected();
    return send(Channel.PRESENCE, ContractJson.encode(birth))
        .thenCompose(v -> send(Channel.PENDING_REQUEST, ContractJson.encode(PendingRequest.now())));
  }

  /** The child leaves the gateway: the gateway says OFFLINE for it (a child has no last will of its own). */
  @Override
  public CompletableFuture<Void> drop() {
    attached = false;
    gatewayDown();
    return gateway.isConnected() ? send(Channel.PRESENCE, ContractJson.encode(Presence.offline())) : CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> close() {
    return drop();
  }

  void gatewayDown() {
    if (up) {
      up = false;
      listener.disconnected();
    }
  }

  /** What the service sent this child; dropped while the child is detached, as a real gateway would. */
  void deliver(Channel channel, byte[] payload) {
    if (attached) {
      listener.message(channel, payload);
    }
  }

  @Override
  public CompletableFuture<Void> send(Channel channel, byte[] payload) {
    return gateway.publish(Topics.childTopic(gatewayId, id, channel), payload);
  }
}
