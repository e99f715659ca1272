package io.fleetjobs.sim;

import com.fasterxml.jackson.databind.node.IntNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.Topics;
import io.fleetjobs.contract.message.ContractError;
import io.fleetjobs.contract.message.ExecutionCancel;
import io.fleetjobs.contract.message.ExecutionRequest;
import io.fleetjobs.contract.message.ExecutionUpdate;
import io.fleetjobs.contract.message.Operation;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Plays the service's side of the contract in tests: records what devices send, sends them work. */
final class FakeService implements AutoCloseable {

  /** A message a device sent; {@code gatewayId} is the gateway it came through (null for a direct device). */
  record Received(String deviceId, Channel channel, byte[] payload, String gatewayId) {
    <T> T as(Class<T> type) {
      return ContractJson.decode(payload, type);
    }
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final Mqtt5BlockingClient client;
  private final int port;

  FakeService(int port) {
    this.port = port;
    client = Mqtt5Client.builder().identifier("fake-service-" + UUID.randomUUID()).serverHost("127.0.0.1").serverPort(port).buildBlocking();
    client.connect();
    client.toAsync().publishes(MqttGlobalPublishFilter.SUBSCRIBED, p -> {
      Topics.DeviceTopic topic = Topics.parse(p.getTopic().toString());
      received.add(new Received(topic.deviceId(), topic.channel(), p.getPayloadAsBytes(), topic.gatewayId()));
      if (topic.channel() == Channel.ENROLMENT_REQUEST) {
        answerEnrolment(topic.deviceId());
      }
    });
    client.subscribeWith().topicFilter(Topics.serviceSubscription()).qos(MqttQos.AT_LEAST_ONCE).send();
    client.subscribeWith().topicFilter(Topics.childServiceSubscription()).qos(MqttQos.AT_LEAST_ONCE).send();
  }

  String sendFanSpeed(String deviceId, int speed) {
    String executionId = UUID.randomUUID().toString();
    send(deviceId, executionId, speed);
    return executionId;
  }

  void send(String deviceId, String executionId, int speed) {
    publish(deviceId, Channel.EXECUTION, ExecutionRequest.of(executionId, "job-1", 1,
        List.of(Operation.setting("fanSpeed", IntNode.valueOf(speed))), 60, Instant.now()));
  }

  /** Sends a child an execution through its gateway, on the child's down topic under the gateway. */
  void sendToChild(String gatewayId, String childId, String executionId, int speed) {
    publishOn(Topics.childTopic(gatewayId, childId, Channel.EXECUTION), ExecutionRequest.of(executionId, "job-1", 1,
        List.of(Operation.setting("fanSpeed", IntNode.valueOf(speed))), 60, Instant.now()));
  }

  void cancelChild(String gatewayId, String childId, String executionId) {
    publishOn(Topics.childTopic(gatewayId, childId, Channel.CANCEL), ExecutionCancel.of(executionId, "job-1", "stopped", Instant.now()));
  }

  void cancel(String deviceId, String executionId) {
    publish(deviceId, Channel.CANCEL, ExecutionCancel.of(executionId, "job-1", "stopped", Instant.now()));
  }

  /** Tells the device that something it sent broke the contract. */
  void sendError(String deviceId, ContractViolation violation) {
    publish(deviceId, Channel.ERROR, ContractError.of(violation, Topics.topic(deviceId, Channel.EXECUTION_UPDATE), Instant.now()));
  }

  /** Connects a stranger with the device's client id: the broker takes the session over and drops the device. */
  void takeOverSession(String deviceId) {
    Mqtt5BlockingClient intruder = Mqtt5Client.builder().identifier(deviceId).serverHost("127.0.0.1").serverPort(port).buildBlocking();
    intruder.connect();
  }

  /** Device ids whose enrolment this service refuses with ENROLMENT_REFUSED; the others get {@link #secretOf}. */
  final java.util.Set<String> refuseEnrolment = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static String secretOf(String deviceId) {
    return "secret-of-" + deviceId;
  }

  private void answerEnrolment(String deviceId) {
    String request = Topics.topic(deviceId, Channel.ENROLMENT_REQUEST);
    Object answer = refuseEnrolment.contains(deviceId)
        ? ContractError.of(new ContractViolation(io.fleetjobs.contract.ErrorCode.ENROLMENT_REFUSED, null, "used up"), request, Instant.now())
        : io.fleetjobs.contract.message.Credential.of(deviceId, secretOf(deviceId), Instant.now());
    client.toAsync().publishWith().topic(Topics.topic(deviceId, answer instanceof ContractError ? Channel.ERROR : Channel.CREDENTIAL))
        .qos(MqttQos.AT_LEAST_ONCE).payload(ContractJson.encode(answer)).send();
  }

  private void publish(String deviceId, Channel channel, Object message) {
    publishOn(Topics.topic(deviceId, channel), message);
  }

  private void publishOn(String topic, Object message) {
    client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(ContractJson.encode(message)).send();
  }

  List<Received> from(String deviceId, Channel channel) {
    return received.stream().filter(r -> r.deviceId().equals(deviceId) && r.channel() == channel).toList();
  }

  List<ExecutionUpdate> updates(String executionId) {
    return received.stream().filter(r -> r.channel() == Channel.EXECUTION_UPDATE)
        .map(r -> r.as(ExecutionUpdate.class)).filter(u -> u.executionId().equals(executionId)).toList();
  }

  @Override
  public void close() {
    client.disconnect();
  }
}
