package io.fleetjobs.sim.conform;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.lifecycle.Mqtt5ClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.Topics;
import io.fleetjobs.contract.message.PendingRequest;
import io.fleetjobs.contract.message.Presence;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny gateway for faults the simulator's gateway has no knob for. Without faults it keeps §9: after every connect
 * both subscriptions, its own birth, each child's birth, the pending requests; each child's work done on the child's
 * topics as {@link ScriptedWork} does it, its own on its own.
 */
final class ScriptedGateway implements AutoCloseable {

  /** What it does wrong. */
  enum Fault {
    /** Subscribes to its own down/# only: nothing the service sends its children reaches it. */
    NO_CHILD_SUBSCRIPTION,
    /** Announces its children before its own ONLINE presence. */
    CHILDREN_BEFORE_ITSELF,
    /** Answers its children's executions on its own up/execution-update. */
    ANSWERS_CHILDREN_AS_ITSELF,
    /** Announces its children after its first connect only, not after a reconnect. */
    FORGETS_CHILDREN_ON_RECONNECT,
    /** Does not pass cancels on to its children: they finish canceled work and report it. */
    IGNORES_CHILD_CANCELS,
    /** Never publishes its own ONLINE presence, only its children's. */
    NO_OWN_BIRTH
  }

  private final String id;
  private final Set<Fault> faults;
  private final Mqtt5Connect connectMessage;
  private final Mqtt5AsyncClient client;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ScriptedWork own;
  private final Map<String, ScriptedWork> children = new LinkedHashMap<>();
  private final AtomicInteger connects = new AtomicInteger();

  ScriptedGateway(String id, int port, List<String> childIds, Fault... faults) {
    this.id = id;
    this.faults = faults.length == 0 ? EnumSet.noneOf(Fault.class) : EnumSet.of(faults[0], faults);
    this.own = new ScriptedWork(this::publishOwn, scheduler, false, false);
    for (String child : childIds) {
      children.put(child, new ScriptedWork((channel, payload) -> publishForChild(child, channel, payload), scheduler, false,
          this.faults.contains(Fault.IGNORES_CHILD_CANCELS)));
    }
    this.connectMessage = Mqtt5Connect.builder().cleanStart(true).keepAlive(30)
        .willPublish().topic(Topics.topic(id, Channel.PRESENCE)).qos(MqttQos.AT_LEAST_ONCE)
        .payload(ContractJson.encode(Presence.offline())).applyWillPublish().build();
    this.client = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1").serverPort(port)
        .automaticReconnect().initialDelay(100, TimeUnit.MILLISECONDS).maxDelay(1, TimeUnit.SECONDS).applyAutomaticReconnect()
        .addConnectedListener(ctx -> announce(connects.incrementAndGet()))
        // the client's reconnect drops the last will unless handed the whole CONNECT again
        .addDisconnectedListener(ctx -> ((Mqtt5ClientDisconnectedContext) ctx).getReconnector().connect(connectMessage))
        .buildAsync();
    client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, p -> onMessage(Topics.parse(p.getTopic().toString()), p.getPayloadAsBytes()));
  }

  ScriptedGateway connect() {
    client.connect(connectMessage).join();
    return this;
  }

  private void announce(int connection) {
    boolean withChildren = connection == 1 || !faults.contains(Fault.FORGETS_CHILDREN_ON_RECONNECT);
    CompletableFuture<?> subscribed = client.subscribeWith().topicFilter(Topics.deviceSubscription(id)).qos(MqttQos.AT_LEAST_ONCE).send();
    if (!faults.contains(Fault.NO_CHILD_SUBSCRIPTION)) {
      subscribed = subscribed.thenCompose(ack -> client.subscribeWith().topicFilter(Topics.gatewaySubscription(id))
          .qos(MqttQos.AT_LEAST_ONCE).send());
    }
    CompletableFuture<?> births = faults.contains(Fault.CHILDREN_BEFORE_ITSELF)
        ? subscribed.thenCompose(ack -> childBirths(withChildren)).thenCompose(v -> publishOwn(Channel.PRESENCE, ownBirth()))
        : subscribed.thenCompose(ack -> publishOwn(Channel.PRESENCE, ownBirth())).thenCompose(v -> childBirths(withChildren));
    births.thenCompose(v -> publishOwn(Channel.PENDING_REQUEST, ContractJson.encode(PendingRequest.now()))).thenAccept(v -> {
      if (withChildren) {
        children.keySet().forEach(child -> publishForChild(child, Channel.PENDING_REQUEST, ContractJson.encode(PendingRequest.now())));
      }
    });
  }

  private CompletableFuture<?> childBirths(boolean withChildren) {
    CompletableFuture<?> done = CompletableFuture.completedFuture(null);
    if (withChildren) {
      for (String child : children.keySet()) {
        done = done.thenCompose(v -> publishForChild(child, Channel.PRESENCE,
            ContractJson.encode(Presence.online("scripted-child", Map.of("slot", child)))));
      }
    }
    return done;
  }

  private static byte[] ownBirth() {
    return ContractJson.encode(Presence.online("scripted-gateway", Map.of()));
  }

  private void onMessage(Topics.DeviceTopic topic, byte[] payload) {
    ScriptedWork work = topic.viaGateway() ? children.get(topic.deviceId()) : own;
    if (work != null) {
      work.onMessage(topic.channel(), payload);
    }
  }

  private CompletableFuture<?> publishOwn(Channel channel, byte[] payload) {
    if (channel == Channel.PRESENCE && faults.contains(Fault.NO_OWN_BIRTH)) {
      return CompletableFuture.completedFuture(null);
    }
    return client.publishWith().topic(Topics.topic(id, channel)).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
  }

  private CompletableFuture<?> publishForChild(String child, Channel channel, byte[] payload) {
    if (faults.contains(Fault.ANSWERS_CHILDREN_AS_ITSELF) && channel == Channel.EXECUTION_UPDATE) {
      return publishOwn(channel, payload);
    }
    return client.publishWith().topic(Topics.childTopic(id, child, channel)).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    client.disconnect();
  }
}
