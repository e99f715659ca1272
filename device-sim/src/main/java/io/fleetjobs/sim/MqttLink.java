package io.fleetjobs.sim;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.Topics;
import io.fleetjobs.contract.message.PendingRequest;
import io.fleetjobs.contract.message.Presence;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A device's MQTT 5 connection: client id = device id, clean start, QoS 1, last will = OFFLINE presence, and the
 * client's automatic reconnect. After every connect and reconnect it subscribes, publishes its birth, then a pending
 * request. All of it is asynchronous: nothing here blocks the client's Netty threads.
 */
final class MqttLink implements DeviceLink {

  private final String id;
  private final Presence birth;
  private final Listener listener;
  private final Mqtt5AsyncClient client;
  private volatile CompletableFuture<Void> ready = new CompletableFuture<>();
  private volatile boolean closed;

  MqttLink(String id, Presence birth, String host, int port, Listener listener) {
    this.id = id;
    this.birth = birth;
    this.listener = listener;
    this.client = Mqtt5Client.builder()
        .identifier(id)
        .serverHost(host)
        .serverPort(port)
        .automaticReconnect().initialDelay(100, TimeUnit.MILLISECONDS).maxDelay(2, TimeUnit.SECONDS).applyAutomaticReconnect()
        .addConnectedListener(ctx -> onConnected())
        .addDisconnectedListener(this::onDisconnected)
        .buildAsync();
  }

  @Override
  public CompletableFuture<Void> connect() {
    closed = false;
    ready = new CompletableFuture<>();
    client.connectWith()
        .cleanStart(true)
        .keepAlive(30)
        .willPublish()
            .topic(Topics.topic(id, Channel.PRESENCE))
            .qos(MqttQos.AT_LEAST_ONCE)
            .payload(ContractJson.encode(Presence.offline()))
            .applyWillPublish()
        .send()
        .whenComplete((ack, error) -> {
          if (error != null) {
            ready.completeExceptionally(error);
          }
        });
    return ready;
  }

  /** After every (re)connect: subscribe first, so the answer to the pending request cannot be missed. */
  private void onConnected() {
    if (closed) {
      client.disconnect(); // a reconnect that was already under way when the device was closed
      return;
    }
    listener.connected();
    // the callback belongs to this subscription: a clean-start session drops the old one with its callback
    client.subscribeWith().topicFilter(Topics.deviceSubscription(id)).qos(MqttQos.AT_LEAST_ONCE)
        .callback(p -> listener.message(Topics.parse(p.getTopic().toString()).channel(), p.getPayloadAsBytes()))
        .send()
        .thenCompose(ack -> send(Channel.PRESENCE, ContractJson.encode(birth)))
        .thenCompose(v -> send(Channel.PENDING_REQUEST, ContractJson.encode(PendingRequest.now())))
        .whenComplete((v, error) -> {
          if (error == null) {
            ready.complete(null);
          } else if (closed || !client.getState().isConnectedOrReconnect()) {
            ready.completeExceptionally(error);
          } // else the connection broke mid-announcement: the automatic reconnect announces again and completes it
        });
  }

  private void onDisconnected(MqttClientDisconnectedContext context) {
    // by default the client re-subscribes by itself after an automatic reconnect; with ours in onConnected that
    // makes two subscriptions with a callback each, and every message arrives twice
    context.getReconnector().resubscribeIfSessionExpired(false);
    if (closed) {
      // disconnect() cannot stop a reconnect in progress (the client is not connected), so stop it here
      context.getReconnector().reconnect(false);
    }
    listener.disconnected();
  }

  @Override
  public CompletableFuture<Void> drop() {
    return client.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send();
  }

  @Override
  public CompletableFuture<Void> close() {
    closed = true;
    if (!client.getState().isConnected()) {
      return CompletableFuture.completedFuture(null);
    }
    return send(Channel.PRESENCE, ContractJson.encode(Presence.offline())).thenCompose(v -> client.disconnect());
  }

  @Override
  public CompletableFuture<Void> send(Channel channel, byte[] payload) {
    return client.publishWith().topic(Topics.topic(id, channel)).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send()
        .thenApply(r -> null);
  }
}
