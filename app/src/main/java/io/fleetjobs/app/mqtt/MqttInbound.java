package io.fleetjobs.app.mqtt;

import io.fleetjobs.app.device.Route;
import io.fleetjobs.app.device.Transport;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.fleetjobs.app.common.TransientErrors;
import io.fleetjobs.app.inbox.DeviceInbox;
import io.fleetjobs.app.limits.DeviceRefusals;
import io.fleetjobs.app.limits.ServiceSideRates;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.ErrorCode;
import io.fleetjobs.contract.Topics;
import io.fleetjobs.contract.message.ContractError;
import io.fleetjobs.contract.message.ExecutionUpdate;
import io.fleetjobs.contract.message.PendingRequest;
import io.fleetjobs.contract.message.Presence;
import io.fleetjobs.contract.message.PropertyReport;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates device messages into calls on the engine's {@link DeviceInbox} (enrolment requests: {@link MqttEnrolment}).
 * A message that breaks the contract is dropped with an error reply on the device's {@code down/error} topic (as many
 * as {@link DeviceRefusals} allows the device per interval), counted and summarized in the log per device; it never
 * stops the others. With an external broker, a message over its connection's rate is dropped first
 * ({@link ServiceSideRates}). Each message is acknowledged only when handled (execution updates: when committed); one
 * that met a database out of reach is handled again once it answers ({@link DeferredMessages}).
 */
@Singleton
class MqttInbound {

  private static final Logger LOG = LoggerFactory.getLogger(MqttInbound.class);

  private final DeviceInbox inbox;
  private final BeanProvider<ServiceMqttClient> client;
  private final Clock clock;
  private final RefusalLog refusals;
  private final DeviceRefusals deviceRefusals;
  private final ServiceSideRates rates;
  private final boolean stamped;
  private final MqttEnrolment enrolment;
  private final DeferredMessages deferred;

  MqttInbound(DeviceInbox inbox, BeanProvider<ServiceMqttClient> client, Clock clock, RefusalLog refusals, MqttConfig config,
      MqttEnrolment enrolment, DeviceRefusals deviceRefusals, ServiceSideRates rates, DeferredMessages deferred) {
    this.inbox = inbox;
    this.deferred = deferred;
    this.enrolment = enrolment;
    this.client = client;
    this.clock = clock;
    this.refusals = refusals;
    this.deviceRefusals = deviceRefusals;
    // the embedded broker holds every client to its rate; an external one may not, so the service does
    this.rates = config.embedded() ? null : rates;
    // the embedded broker stamps every message with its sender; an external broker's ACL does the confining alone
    this.stamped = config.embedded();
  }

  void handle(Mqtt5Publish publish) {
    String topic = publish.getTopic().toString();
    if (rates != null && !rates.admit(topic)) {
      publish.acknowledge(); // over its connection's rate: dropped before any work, unanswered
      return;
    }
    try {
      Topics.DeviceTopic parsed = Topics.parse(topic);
      if (parsed.channel().direction() != Channel.Direction.UP) {
        throw new ContractViolation(ErrorCode.UNKNOWN_TOPIC, "topic", "'" + topic + "' is for the service to publish, not devices");
      }
      if (stamped && !sentBySpeaker(parsed, publish)) {
        publish.acknowledge(); // no error reply: the topic names a device that did not send this
        return;
      }
      try {
        route(parsed, publish);
      } catch (RuntimeException e) {
        if (!TransientErrors.isTransient(e)) {
          throw e;
        }
        deferred.retry(topic, () -> route(parsed, publish), failure -> failed(topic, publish, failure));
      }
    } catch (RuntimeException e) {
      failed(topic, publish, e);
    }
  }

  private void failed(String topic, Mqtt5Publish publish, RuntimeException e) {
    if (e instanceof ContractViolation violation) {
      reject(topic, violation);
    } else {
      LOG.error("Could not handle a message on {}", topic, e);
    }
    publish.acknowledge();
  }

  private void route(Topics.DeviceTopic topic, Mqtt5Publish publish) {
    String deviceId = topic.deviceId();
    byte[] payload = publish.getPayloadAsBytes();
    if (topic.channel() == Channel.ENROLMENT_REQUEST) {
      enrolment.handle(topic, publish, done(topic, publish)); // a device not registered yet: no route to check
      return;
    }
    if (topic.channel() != Channel.PRESENCE) {
      inbox.requireRoute(deviceId, topic.gatewayId());
    }
    switch (topic.channel()) {
      case PRESENCE -> inbox.presence(deviceId, Route.of(Transport.MQTT, topic.gatewayId()), ContractJson.decode(payload, Presence.class), null,
          done(topic, publish));
      case PENDING_REQUEST -> {
        inbox.pendingRequest(deviceId, ContractJson.decode(payload, PendingRequest.class));
        publish.acknowledge();
      }
      case PROPERTIES -> inbox.properties(deviceId, ContractJson.decode(payload, PropertyReport.class), done(topic, publish));
      case EXECUTION_UPDATE -> inbox.executionUpdate(deviceId, ContractJson.decode(payload, ExecutionUpdate.class), done(topic, publish));
      default -> throw new ContractViolation(ErrorCode.UNKNOWN_TOPIC, "topic", "'" + topic.topic() + "' is not a device topic");
    }
  }

  /**
   * Defence in depth behind the broker's topic permissions: the device a topic speaks for (a gateway for its children)
   * must be the client that published it, as the embedded broker's stamp says.
   */
  private boolean sentBySpeaker(Topics.DeviceTopic topic, Mqtt5Publish publish) {
    String sender = publish.getUserProperties().asList().stream()
        .filter(p -> SenderStamp.PROPERTY.equals(p.getName().toString()))
        .map(p -> p.getValue().toString())
        .findFirst().orElse(null);
    String speaker = topic.viaGateway() ? topic.gatewayId() : topic.deviceId();
    if (speaker.equals(sender)) {
      return true;
    }
    refusals.wrongSender(topic.topic(), sender);
    return false;
  }

  /** What runs once the engine has recorded (or refused) a message: the error reply if refused, then the ack. */
  private java.util.function.Consumer<ContractViolation> done(Topics.DeviceTopic topic, Mqtt5Publish publish) {
    return violation -> {
      if (violation != null) {
        reject(topic.topic(), violation);
      }
      publish.acknowledge();
    };
  }

  /**
   * Counts the violation against the connection that sent it and, while that connection has error replies left in
   * this interval, replies on the error topic of whoever the topic names, even when the rest is wrong.
   */
  private void reject(String topic, ContractViolation violation) {
    String sender = Topics.publisherOf(topic).map(Topics.Publisher::id).orElse(DeviceRefusals.UNNAMED);
    if (deviceRefusals.refused(sender, violation.code().name(), topic, violation.getMessage())) {
      Topics.errorTopicFor(topic).ifPresent(errorTopic -> client.get().publish(errorTopic, ContractError.of(violation, topic, clock.instant())));
    }
  }
}
