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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A tiny device for faults the simulator has no knob for. Without faults it keeps the contract: birth and pending
 * request after every connect, and its work done as {@link ScriptedWork} does it.
 */
final class ScriptedDevice implements AutoCloseable {

  /** What it does wrong. */
  enum Fault {
    /** Starts a repeated execution again instead of answering from memory. */
    REAPPLIES_REPEATS,
    /** Finishes canceled work and reports it. */
    IGNORES_CANCEL,
    /** Connects without a last will. */
    NO_LAST_WILL,
    /** Never publishes a pending request. */
    NO_PENDING_REQUEST
  }

  private final String id;
  private final Set<Fault> faults;
  private final Mqtt5Connect connectMessage;
  private final Mqtt5AsyncClient client;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ScriptedWork work;

  ScriptedDevice(String id, int port, Fault... faults) {
    this.id = id;
    this.faults = faults.length == 0 ? EnumSet.noneOf(Fault.class) : EnumSet.of(faults[0], faults);
    var connect = Mqtt5Connect.builder().cleanStart(true).keepAlive(30);
    if (!this.faults.contains(Fault.NO_LAST_WILL)) {
      connect = connect.willPublish().topic(Topics.topic(id, Channel.PRESENCE)).qos(MqttQos.AT_LEAST_ONCE)
          .payload(ContractJson.encode(Presence.offline())).applyWillPublish();
    }
    this.connectMessage = connect.build();
    this.work = new ScriptedWork(this::publish, scheduler, this.faults.contains(Fault.REAPPLIES_REPEATS),
        this.faults.contains(Fault.IGNORES_CANCEL));
    this.client = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1").serverPort(port)
        .automaticReconnect().initialDelay(100, TimeUnit.MILLISECONDS).maxDelay(1, TimeUnit.SECONDS).applyAutomaticReconnect()
        .addConnectedListener(ctx -> announce())
        // the client's reconnect drops the last will unless handed the whole CONNECT again
        .addDisconnectedListener(ctx -> ((Mqtt5ClientDisconnectedContext) ctx).getReconnector().connect(connectMessage))
        .buildAsync();
    client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, p -> work.onMessage(Topics.parse(p.getTopic().toString()).channel(), p.getPayloadAsBytes()));
  }

  ScriptedDevice connect() {
    client.connect(connectMessage).join();
    return this;
  }

  private void announce() {
    client.subscribeWith().topicFilter(Topics.deviceSubscription(id)).qos(MqttQos.AT_LEAST_ONCE).send()
        .thenCompose(ack -> publish(Channel.PRESENCE, ContractJson.encode(Presence.online("scripted", Map.of()))))
        .thenAccept(ack -> {
          if (!faults.contains(Fault.NO_PENDING_REQUEST)) {
            publish(Channel.PENDING_REQUEST, ContractJson.encode(PendingRequest.now()));
          }
        });
  }

  private java.util.concurrent.CompletableFuture<?> publish(Channel channel, byte[] payload) {
    return client.publishWith().topic(Topics.topic(id, channel)).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    client.disconnect();
  }
}
