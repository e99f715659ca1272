package io.fleetjobs.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.app.support.TestBroker;
import io.fleetjobs.contract.Enrolment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the embedded broker refuses, as a device sees it, for each row of the refusal table in CONTRACT.md §14 that
 * {@code DeviceSecurityIT} and {@code EnrolmentIT} do not show already: the MQTT 3.1.1 return codes, a QoS 0 publish,
 * a refused subscription leaving the connection open, and the DISCONNECT reason of a revocation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerRefusalsIT {

  private AppUnderTest app;
  private Api api;
  private int port;

  @BeforeAll
  void start() {
    port = TestBroker.freePort();
    app = AppUnderTest.withEmbeddedBroker(port);
    api = app.api();
    api.post("/api/templates", Fixtures.fridgeTemplate("fridge"));
  }

  @AfterAll
  void stop() {
    app.close();
  }

  private String register(String id) {
    return api.post("/api/devices", Fixtures.device(id, "fridge", "x")).body().get("credential").get("secret").asText();
  }

  private Mqtt3BlockingClient mqtt3(String clientId, String username, String password) {
    var builder = Mqtt3Client.builder().identifier(clientId).serverHost("127.0.0.1").serverPort(port);
    if (username != null) {
      builder.simpleAuth().username(username).password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
    }
    return builder.buildBlocking();
  }

  private static Mqtt3ConnAckReturnCode refusal(Mqtt3BlockingClient client) {
    try {
      client.connect();
      client.disconnect();
      throw new AssertionError("the connect was accepted");
    } catch (Mqtt3ConnAckException e) {
      return e.getMqttMessage().getReturnCode();
    }
  }

  @Test
  void anMqtt311DeviceIsRefusedWithReturnCode4ForABadCredentialAnd5WhenItMayNotConnect() {
    String secret = register("ref-3-a");
    assertThat(refusal(mqtt3("ref-3-a", "ref-3-a", "wrong"))).isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
    assertThat(refusal(mqtt3("ref-3-nobody", "ref-3-nobody", secret))).isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
    assertThat(refusal(mqtt3("ref-3-new", Enrolment.USERNAME, "fje_" + "C".repeat(43))))
        .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
    assertThat(refusal(mqtt3("ref-3-a", null, null))).isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
    String token = api.post("/api/templates/fridge/enrolment-tokens", "{\"name\": \"ref\"}").body().get("token").asText();
    assertThat(refusal(mqtt3("ref-3-a", Enrolment.USERNAME, token))).as("a registered id enrolling").isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
  }

  @Test
  void anMqtt311DevicesSubscriptionOutsideItsTopicsFailsAndItsPublishThereEndsTheConnection() {
    String secret = register("ref-3-b");
    Mqtt3BlockingClient device = mqtt3("ref-3-b", "ref-3-b", secret);
    device.connect();
    assertThatThrownBy(() -> device.subscribeWith().topicFilter("fleet/v1/devices/ref-other/down/#").qos(MqttQos.AT_LEAST_ONCE).send())
        .isInstanceOfSatisfying(Mqtt3SubAckException.class,
            e -> assertThat(e.getMqttMessage().getReturnCodes()).containsExactly(Mqtt3SubAckReturnCode.FAILURE));
    assertThat(device.getState().isConnected()).as("a refused subscription leaves the connection open").isTrue();
    device.subscribeWith().topicFilter("fleet/v1/devices/ref-3-b/down/#").qos(MqttQos.AT_LEAST_ONCE).send();

    device.toAsync().publishWith().topic("fleet/v1/devices/ref-other/up/properties").qos(MqttQos.AT_LEAST_ONCE)
        .payload("{}".getBytes(StandardCharsets.UTF_8)).send();
    await().atMost(Duration.ofSeconds(5)).until(() -> !device.getState().isConnectedOrReconnect());
  }

  @Test
  void anMqtt5DevicesQos0PublishOutsideItsTopicsEndsTheConnectionAndARefusedSubscriptionDoesNot() {
    String secret = register("ref-5-a");
    Mqtt5BlockingClient device = Mqtt5Client.builder().identifier("ref-5-a").serverHost("127.0.0.1").serverPort(port)
        .simpleAuth().username("ref-5-a").password(secret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildBlocking();
    device.connect();
    assertThatThrownBy(() -> device.subscribeWith().topicFilter("#").qos(MqttQos.AT_LEAST_ONCE).send())
        .isInstanceOfSatisfying(Mqtt5SubAckException.class,
            e -> assertThat(e.getMqttMessage().getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED));
    assertThat(device.getState().isConnected()).isTrue();

    device.publishWith().topic("fleet/v1/devices/ref-5-a/down/execution").qos(MqttQos.AT_MOST_ONCE)
        .payload("{}".getBytes(StandardCharsets.UTF_8)).send(); // no PUBACK at QoS 0: the answer is the closed connection
    await().atMost(Duration.ofSeconds(5)).until(() -> !device.getState().isConnectedOrReconnect());
  }

  @Test
  void aConnectedDeviceWhoseSecretIsRevokedIsDisconnectedWithNotAuthorized() {
    String secret = register("ref-5-b");
    AtomicReference<Throwable> why = new AtomicReference<>();
    Mqtt5BlockingClient device = Mqtt5Client.builder().identifier("ref-5-b").serverHost("127.0.0.1").serverPort(port)
        .simpleAuth().username("ref-5-b").password(secret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
        .addDisconnectedListener(context -> why.set(context.getCause())).buildBlocking();
    device.connect();
    assertThat(api.delete("/api/devices/ref-5-b/credential").status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> why.get() != null);
    assertThat(why.get()).isInstanceOfSatisfying(Mqtt5DisconnectException.class,
        e -> assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.NOT_AUTHORIZED));
  }

  @Test
  void noDeviceCanBeRegisteredUnderTheEnrolmentUserName() {
    // so an enrolling connect never stands for a device of that name: device ids have no '@'
    assertThat(api.post("/api/devices", Fixtures.device(Enrolment.USERNAME, "fridge", "x")).status()).isEqualTo(422);
  }
}
