package io.fleetjobs.sim;

import com.hivemq.client.mqtt.datatypes.MqttQos;
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

/** A device's MQTT 5 connection (client id = device id, last will = OFFLINE), reconnecting by itself. */
final class MqttLink implements DeviceLink {

  private final String id;
  private final Presence birth;
  private final Listener listener;
  private final Mqtt5AsyncClient client;
  private volatile CompletableFuture<Void> ready = new CompletableFuture<>();

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
        .addDisconnectedListener(ctx -> listener.disconnected())
        .buildAsync();
  }

  @Override
  public CompletableFuture<Void> connect() {
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
    listener.connected();
    // the callback belongs to this subscription: a clean-start session drops the old one with its callback
    client.subscribeWith().topicFilter(Topics.deviceSubscription(id)).qos(MqttQos.AT_LEAST_ONCE)
        .callback(p -> listener.message(Topics.parse(p.getTopic().toString()).channel(), p.getPayloadAsBytes()))
        .send()
        .thenCompose(ack -> send(Channel.PRESENCE, ContractJson.encode(birth)))
        .thenCompose(v -> send(Channel.PENDING_REQUEST, ContractJson.encode(PendingRequest.now())))
        .whenComplete((v, error) -> {
          if (error != null) {
            ready.completeExceptionally(error);
          } else {
            ready.complete(null);
          }
        });
  }

  @Override
  public CompletableFuture<Void> drop() {
    return client.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send();
  }

  @Override
  public CompletableFuture<Void> close() {
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
