package io.fleetjobs.sim;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.Enrolment;
import io.fleetjobs.contract.Topics;
import io.fleetjobs.contract.message.ContractError;
import io.fleetjobs.contract.message.Credential;
import io.fleetjobs.contract.message.EnrolmentRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Trades an enrolment token for a device's own secret, as the contract's "Security" section says: a connection of its
 * own (client id = the device id, user name {@link Enrolment#USERNAME}, the token as password, no last will), subscribed
 * to {@link Topics#enrolmentSubscriptions}, one {@link EnrolmentRequest} with the device's attributes, then the
 * {@link Credential} on {@code down/credential} (or a refusal on {@code down/error}), and a clean disconnect. All
 * asynchronous, like the devices' own links.
 */
final class Enroller {

  private final String host;
  private final int port;
  private final String token;
  private final Duration timeout;

  Enroller(String host, int port, String token, Duration timeout) {
    this.host = host;
    this.port = port;
    this.token = token;
    this.timeout = timeout;
  }

  /** The secret issued to {@code deviceId}; fails saying why the broker or the service refused. */
  CompletableFuture<String> enrol(String deviceId, Map<String, String> attributes, MqttClientSslConfig ssl) {
    Mqtt5AsyncClient client = Mqtt5Client.builder().identifier(deviceId).serverHost(host).serverPort(port).sslConfig(ssl)
        .simpleAuth().username(Enrolment.USERNAME).password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
        .buildAsync();
    CompletableFuture<String> secret = new CompletableFuture<>();
    var subscriptions = Topics.enrolmentSubscriptions(deviceId).stream()
        .map(topic -> Mqtt5Subscription.builder().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).build())
        .toList();
    client.connectWith().cleanStart(true).keepAlive(30).send()
        .thenCompose(ack -> client.subscribeWith().addSubscriptions(subscriptions).callback(answer -> answered(deviceId, answer, secret)).send())
        .thenCompose(ack -> client.publishWith().topic(Topics.topic(deviceId, Channel.ENROLMENT_REQUEST)).qos(MqttQos.AT_LEAST_ONCE)
            .payload(ContractJson.encode(EnrolmentRequest.of(null, attributes))).send())
        .whenComplete((sent, error) -> {
          if (error != null) {
            secret.completeExceptionally(refusal(deviceId, error));
          }
        });
    return secret.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((s, e) -> client.disconnect().exceptionally(ignored -> null));
  }

  private static void answered(String deviceId, Mqtt5Publish answer, CompletableFuture<String> secret) {
    try {
      if (Topics.parse(answer.getTopic().toString()).channel() == Channel.CREDENTIAL) {
        Credential credential = ContractJson.decode(answer.getPayloadAsBytes(), Credential.class);
        secret.complete(credential.secret());
      } else {
        ContractError error = ContractJson.decode(answer.getPayloadAsBytes(), ContractError.class);
        secret.completeExceptionally(new IllegalStateException(
            "the service refused the enrolment of " + deviceId + ": " + error.code() + " " + error.message()));
      }
    } catch (ContractViolation e) {
      secret.completeExceptionally(new IllegalStateException("the answer to " + deviceId + "'s enrolment breaks the contract: " + e.getMessage()));
    }
  }

  private static Throwable refusal(String deviceId, Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof Mqtt5ConnAckException refused) {
      Mqtt5ConnAckReasonCode code = refused.getMqttMessage().getReasonCode();
      String why = switch (code) {
        case BAD_USER_NAME_OR_PASSWORD -> "the enrolment token is unknown, expired, revoked or used up";
        case NOT_AUTHORIZED -> deviceId + " is registered already (it needs its own credential: --credentials or --api)";
        default -> "the broker refused the connect";
      };
      return new IllegalStateException("enrolment of " + deviceId + " refused at CONNECT (" + code + "): " + why, cause);
    }
    return cause;
  }
}
