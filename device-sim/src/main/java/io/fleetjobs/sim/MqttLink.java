package io.fleetjobs.sim;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.lifecycle.Mqtt5ClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.Topics;
import io.fleetjobs.contract.message.PendingRequest;
import io.fleetjobs.contract.message.Presence;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A device's MQTT 5 connection: client id = device id, clean start, QoS 1, last will = OFFLINE presence, and the
 * client's automatic reconnect. After every connect and reconnect it subscribes, publishes its birth, then a pending
 * request. All of it is asynchronous: nothing here blocks the client's Netty threads.
 *
 * <p>A gateway's link also subscribes to its children's down topics, hands what arrives to {@link Children}, and
 * after its own announcement lets the children announce themselves over this connection. With an echo executor it
 * also answers the benchmark's pings ({@link BenchTopics}), on that executor rather than a network thread.
 */
final class MqttLink implements DeviceLink {

  /** What a gateway's connection needs from the children it acts for. */
  interface Children {
    /** A message the service sent one child. */
    void deliver(String childId, Channel channel, byte[] payload);

    /** After the gateway's own birth and pending request: every child's birth and pending request. */
    CompletableFuture<Void> announceAll();

    /** The gateway's connection is gone, so every child is too. */
    void gatewayDown();
  }

  private final String id;
  private final Presence birth;
  private final Listener listener;
  private final Children children;
  private final Executor echo;
  private final Mqtt5AsyncClient client;
  private final Mqtt5Connect connectMessage;
  private volatile CompletableFuture<Void> ready = new CompletableFuture<>();
  private volatile boolean closed;

  MqttLink(String id, Presence birth, String host, int port, Listener listener) {
    this(id, birth, host, port, null, listener, null, null, null);
  }

  /**
   * @param secret the device's own credential, sent as the MQTT password with its id as user name; null for none
   * @param ssl TLS settings of the connection, or null for plain MQTT
   */
  MqttLink(String id, Presence birth, String host, int port, String secret, Listener listener, Children children, Executor echo,
      MqttClientSslConfig ssl) {
    this.id = id;
    this.birth = birth;
    this.listener = listener;
    this.children = children;
    this.echo = echo;
    var builder = Mqtt5Client.builder()
        .identifier(id)
        .serverHost(host)
        .serverPort(port)
        .sslConfig(ssl)
        .automaticReconnect().initialDelay(100, TimeUnit.MILLISECONDS).maxDelay(2, TimeUnit.SECONDS).applyAutomaticReconnect()
        .addConnectedListener(ctx -> onConnected())
        .addDisconnectedListener(this::onDisconnected);
    this.client = builder.buildAsync();
    // the whole CONNECT, credential and will included: the reconnector sends this one again (a CONNECT it built
    // itself would carry neither the client's credential nor the will)
    var connect = Mqtt5Connect.builder();
    if (secret != null) {
      connect.simpleAuth().username(id).password(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)).applySimpleAuth();
    }
    this.connectMessage = connect
        .cleanStart(true)
        .keepAlive(30)
        .willPublish()
            .topic(Topics.topic(id, Channel.PRESENCE))
            .qos(MqttQos.AT_LEAST_ONCE)
            .payload(ContractJson.encode(Presence.offline()))
            .applyWillPublish()
        .build();
  }

  @Override
  public CompletableFuture<Void> connect() {
    closed = false;
    ready = new CompletableFuture<>();
    client.connect(connectMessage)
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
    CompletableFuture<?> subscribed = client.subscribeWith().topicFilter(Topics.deviceSubscription(id)).qos(MqttQos.AT_LEAST_ONCE)
        .callback(p -> listener.message(Topics.parse(p.getTopic().toString()).channel(), p.getPayloadAsBytes()))
        .send();
    if (children != null) {
      subscribed = subscribed.thenCompose(ack -> client.subscribeWith().topicFilter(Topics.gatewaySubscription(id))
          .qos(MqttQos.AT_LEAST_ONCE)
          .callback(p -> {
            Topics.DeviceTopic topic = Topics.parse(p.getTopic().toString());
            children.deliver(topic.deviceId(), topic.channel(), p.getPayloadAsBytes());
          })
          .send());
    }
    if (echo != null) {
      subscribed = subscribed.thenCompose(ack -> subscribeEcho(BenchTopics.ping(id)));
      if (children != null) {
        subscribed = subscribed.thenCompose(ack -> subscribeEcho(BenchTopics.ping(id, "+")));
      }
    }
    CompletableFuture<Void> announced = subscribed
        .thenCompose(ack -> send(Channel.PRESENCE, ContractJson.encode(birth)))
        .thenCompose(v -> send(Channel.PENDING_REQUEST, ContractJson.encode(PendingRequest.now())));
    if (children != null) {
      announced = announced.thenCompose(v -> children.announceAll());
    }
    announced.whenComplete((v, error) -> {
          if (error == null) {
            ready.complete(null);
          } else if (closed || !client.getState().isConnectedOrReconnect()) {
            ready.completeExceptionally(error);
          } // else the connection broke mid-announcement: the automatic reconnect announces again and completes it
        });
  }

  private CompletableFuture<?> subscribeEcho(String filter) {
    return client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE)
        .callback(p -> {
          String pong = BenchTopics.pongFor(p.getTopic().toString());
          byte[] payload = p.getPayloadAsBytes();
          echo.execute(() -> publish(pong, payload).exceptionally(e -> null));
        })
        .send();
  }

  private void onDisconnected(MqttClientDisconnectedContext context) {
    // by default the client re-subscribes by itself after an automatic reconnect; with ours in onConnected that
    // makes two subscriptions with a callback each, and every message arrives twice
    context.getReconnector().resubscribeIfSessionExpired(false);
    // the client reconnects without the last will unless given the whole CONNECT again (device-sim conform found it:
    // after the first reconnect an ungraceful drop went unannounced)
    ((Mqtt5ClientDisconnectedContext) context).getReconnector().connect(connectMessage);
    if (closed) {
      // disconnect() cannot stop a reconnect in progress (the client is not connected), so stop it here
      context.getReconnector().reconnect(false);
    }
    listener.disconnected();
    if (children != null) {
      children.gatewayDown();
    }
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
    return publish(Topics.topic(id, channel), payload);
  }

  /** A QoS 1 publish on any topic: how a gateway speaks for its children. */
  CompletableFuture<Void> publish(String topic, byte[] payload) {
    return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send().thenApply(r -> null);
  }

  boolean isConnected() {
    return client.getState().isConnected();
  }
}
