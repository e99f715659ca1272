package io.fleetjobs.app.faults.hostile;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.Topics;
import io.fleetjobs.contract.message.ContractError;
import io.fleetjobs.contract.message.ExecutionRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A registered device with its own credential that sends what it likes over MQTT, and keeps every error reply and
 * execution request the service sends it.
 */
final class MqttHostile implements AutoCloseable {

  final String id;
  final List<ContractError> errors = new CopyOnWriteArrayList<>();
  final List<ExecutionRequest> executions = new CopyOnWriteArrayList<>();
  private final Mqtt5AsyncClient client;

  MqttHostile(String id, String secret, int port) {
    this.id = id;
    this.client = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1").serverPort(port)
        .simpleAuth().username(id).password(secret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
        .buildAsync();
  }

  MqttHostile connect() {
    client.connect().join();
    client.publishes(MqttGlobalPublishFilter.ALL, this::received);
    client.subscribeWith().topicFilter(Topics.deviceSubscription(id)).qos(MqttQos.AT_LEAST_ONCE).send().join();
    send(Channel.PRESENCE, "{\"contractVersion\":1,\"state\":\"ONLINE\"}");
    return this;
  }

  private void received(Mqtt5Publish publish) {
    String topic = publish.getTopic().toString();
    byte[] payload = publish.getPayloadAsBytes();
    if (topic.equals(Topics.topic(id, Channel.ERROR))) {
      errors.add(ContractJson.decode(payload, ContractError.class));
    } else if (topic.equals(Topics.topic(id, Channel.EXECUTION))) {
      executions.add(ContractJson.decode(payload, ExecutionRequest.class));
    }
  }

  /** The id of the execution of {@code jobId} it was sent, or null. */
  String executionOf(String jobId) {
    return executions.stream().filter(e -> e.jobId().equals(jobId)).map(ExecutionRequest::executionId).findFirst().orElse(null);
  }

  void send(Channel channel, String json) {
    publish(Topics.topic(id, channel), json.getBytes(StandardCharsets.UTF_8));
  }

  /** The topic {@code shot} goes to. */
  String topicOf(Shot shot) {
    // a topic the contract does not have can only be built by hand
    return shot.channel() != null ? Topics.topic(id, shot.channel()) : Topics.ROOT + "/devices/" + id + "/up/" + shot.topicSuffix();
  }

  void send(Shot shot) {
    publish(topicOf(shot), shot.payload());
  }

  private void publish(String topic, byte[] payload) {
    // QoS 1 and joined: the broker has it before the next one goes
    client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send().join();
  }

  @Override
  public void close() {
    client.disconnect().exceptionally(e -> null).join();
  }
}
