package io.fleetjobs.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.app.support.TestBroker;
import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.SimulatedFleet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The embedded broker lets each device reach only its own topics, and only with its own credential: the impersonation
 * a new user could do before (subscribe to {@code #}, complete another device's execution) is refused, against the
 * real broker, service and database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceSecurityIT {

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

  private String register(String id, String region) {
    Api.Answer answer = api.post("/api/devices", Fixtures.device(id, "fridge", region));
    assertThat(answer.status()).isEqualTo(201);
    return answer.body().get("credential").get("secret").asText();
  }

  private Mqtt5BlockingClient client(String clientId, String username, String password) {
    var builder = Mqtt5Client.builder().identifier(clientId).serverHost("127.0.0.1").serverPort(port);
    if (username != null) {
      builder.simpleAuth().username(username).password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
    }
    return builder.buildBlocking();
  }

  private Mqtt5BlockingClient connected(String id, String secret) {
    Mqtt5BlockingClient client = client(id, id, secret);
    client.connect();
    return client;
  }

  private static Mqtt5ConnAckReasonCode refusal(Mqtt5BlockingClient client) {
    try {
      client.connect();
      client.disconnect();
      throw new AssertionError("the connect was accepted");
    } catch (Mqtt5ConnAckException e) {
      return e.getMqttMessage().getReasonCode();
    }
  }

  /** A publish of {@code sec-attacker}: the broker answers NOT_AUTHORIZED and closes the connection. */
  private void assertRefused(String secret, String topic, String json, boolean retain) {
    Mqtt5BlockingClient client = connected("sec-attacker", secret);
    assertThatThrownBy(() -> client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(retain)
        .payload(json.getBytes(StandardCharsets.UTF_8)).send()).as(topic).satisfies(DeviceSecurityIT::notAuthorized);
    await().atMost(Duration.ofSeconds(5)).until(() -> !client.getState().isConnectedOrReconnect());
  }

  private static void notAuthorized(Throwable e) {
    assertThat(e).isInstanceOf(Mqtt5PubAckException.class);
    assertThat(((Mqtt5PubAckException) e).getMqttMessage().getReasonCode())
        .isEqualTo(com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
  }

  private static void publish(Mqtt5BlockingClient client, String topic, String json) {
    client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(json.getBytes(StandardCharsets.UTF_8)).send();
  }

  @Test
  void aWrongPasswordAnUnknownClientAndAMissingCredentialAreRefusedAtConnect() {
    String secret = register("sec-wrong", "x");
    assertThat(refusal(client("sec-wrong", "sec-wrong", "not-the-secret"))).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    assertThat(refusal(client("sec-nobody", "sec-nobody", secret))).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    assertThat(refusal(client("sec-wrong", null, null))).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
    // another device's id as user name, and the service's account with a guessed password
    assertThat(refusal(client("sec-wrong", "sec-other", secret))).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    assertThat(refusal(client("sec-svc", "service@fleet-jobs", "guess"))).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    connected("sec-wrong", secret).disconnect();
  }

  @Test
  void aDeviceRegisteredUnderTheServicesClientIdCannotTakeTheServicesSessionOver() {
    String serviceClientId = app.bean(io.fleetjobs.app.mqtt.MqttConfig.class).clientId();
    String secret = register(serviceClientId, "x");
    assertThat(refusal(client(serviceClientId, serviceClientId, secret))).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
    assertThat(api.get("/health").body().get("details").get("mqtt").get("status").asText()).isEqualTo("UP");
  }

  @Test
  void aDeviceCannotSubscribeToAnotherDevicesTopicsNorToEverything() {
    Mqtt5BlockingClient a = connected("sec-a1", register("sec-a1", "x"));
    register("sec-b1", "x");
    try {
      for (String filter : List.of("#", "fleet/v1/#", "fleet/v1/devices/+/down/#", "fleet/v1/devices/sec-b1/down/#",
          "fleet/v1/devices/sec-b1/up/#", "fleet/v1/gateways/sec-b1/#", "$share/g/fleet/v1/devices/sec-a1/down/#")) {
        assertThatThrownBy(() -> a.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send())
            .as(filter).isInstanceOfSatisfying(Mqtt5SubAckException.class, e -> assertThat(e.getMqttMessage().getReasonCodes())
                .containsExactly(com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode.NOT_AUTHORIZED));
      }
      a.subscribeWith().topicFilter("fleet/v1/devices/sec-a1/down/#").qos(MqttQos.AT_LEAST_ONCE).send();
    } finally {
      a.disconnect();
    }
  }

  @Test
  void aDeviceCannotCompleteAnotherDevicesExecutionNorPublishOnTheServicesTopics() {
    String attacker = register("sec-attacker", "attack");
    SimulatedFleet victim = app.provision(SimulatedFleet.builder().brokerPort(port).template("fridge").idPrefix("sec-victim-").count(1)
        .attributes(i -> Map.of("region", "victim")).behaviour(Behaviour.builder().silentRate(1.0).build())).build();
    try {
      victim.start();
      api.post("/api/device-sets", Fixtures.filterSet("victims", "fridge", "victim"));
      await().atMost(Duration.ofSeconds(10)).until(() -> api.onlineIn("victims") == 1);
      String job = api.post("/api/jobs", Fixtures.fanSpeedJob("victims", 3, true)).body().get("id").asText();
      await().atMost(Duration.ofSeconds(10)).until(() -> victim.stats().snapshot().executionsReceived() == 1);
      String executionId = api.get("/api/jobs/" + job + "/devices").body().get("items").get(0).get("executionId").asText();

      // the impersonation of issue 9: a final update on the other device's topic
      String forged = "{\"contractVersion\": 1, \"executionId\": \"%s\", \"status\": \"SUCCEEDED\", \"version\": 1}".formatted(executionId);
      assertRefused(attacker, "fleet/v1/devices/sec-victim-0000/up/execution-update", forged, false);
      // nor may it send the service's messages, to itself or as the other device's gateway
      assertRefused(attacker, "fleet/v1/devices/sec-attacker/down/execution", "{}", false);
      assertRefused(attacker, "fleet/v1/gateways/sec-attacker/devices/sec-victim-0000/down/cancel", "{}", false);
      // a retained message on its own topic would replay to the service on every resubscribe
      assertRefused(attacker, "fleet/v1/devices/sec-attacker/up/properties", "{}", true);

      JsonNode execution = api.get("/api/jobs/" + job + "/devices").body().get("items").get(0);
      assertThat(execution.get("status").asText()).isEqualTo("PENDING");
      assertThat(api.get("/api/jobs/" + job).body().get("counts").get("completed").asLong()).isZero();
      api.post("/api/jobs/" + job + "/stop");
    } finally {
      victim.close();
    }
  }

  @Test
  void aForgedSenderStampIsReplacedByTheBrokerSoTheMessageCountsOnlyForItsRealSender() {
    Mqtt5BlockingClient device = connected("sec-stamp", register("sec-stamp", "x"));
    try {
      device.publishWith().topic("fleet/v1/devices/sec-stamp/up/properties").qos(MqttQos.AT_LEAST_ONCE)
          .userProperties().add("fleet-sender", "sec-someone-else").applyUserProperties()
          .payload("{\"contractVersion\": 1, \"version\": 1, \"properties\": {\"temperature\": 3.5}}".getBytes(StandardCharsets.UTF_8))
          .send();
      await().atMost(Duration.ofSeconds(10)).until(() ->
          api.get("/api/devices/sec-stamp").body().get("reportedProperties").path("temperature").asDouble() == 3.5);
    } finally {
      device.disconnect();
    }
  }

  @Test
  void aRevokedCredentialEndsTheConnectionAndIsRefusedOnTheNextConnectUntilANewOneIsIssued() {
    String secret = register("sec-revoke", "x");
    Mqtt5BlockingClient device = connected("sec-revoke", secret);
    assertThat(api.delete("/api/devices/sec-revoke/credential").body().get("state").asText()).isEqualTo("REVOKED");
    await().atMost(Duration.ofSeconds(10)).until(() -> !device.getState().isConnected());
    assertThat(refusal(client("sec-revoke", "sec-revoke", secret))).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);

    Api.Answer rotated = api.post("/api/devices/sec-revoke/credential");
    String fresh = rotated.body().get("secret").asText();
    assertThat(fresh).isNotEqualTo(secret).hasSize(32);
    assertThat(api.get("/api/devices/sec-revoke/credential").body().has("secret")).isTrue();
    assertThat(api.get("/api/devices/sec-revoke/credential").body().get("secret").isNull()).isTrue();
    connected("sec-revoke", fresh).disconnect();
    assertThat(refusal(client("sec-revoke", "sec-revoke", secret))).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
  }

  @Test
  void aDeletedDevicesCredentialGoesWithIt() {
    String secret = register("sec-deleted", "x");
    Mqtt5BlockingClient device = connected("sec-deleted", secret);
    assertThat(api.delete("/api/devices/sec-deleted").status()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(10)).until(() -> !device.getState().isConnected());
    assertThat(refusal(client("sec-deleted", "sec-deleted", secret))).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
  }

  @Test
  void aFleetRegisteredInBulkConnectsWithItsOwnCredentialsAndRunsAJob() {
    SimulatedFleet fleet = app.provision(SimulatedFleet.builder().brokerPort(port).template("fridge").idPrefix("sec-fleet-").count(20)
        .attributes(i -> Map.of("region", "sec-fleet")).behaviour(Behaviour.builder().latency(Duration.ofMillis(1), Duration.ofMillis(20)).build()))
        .build();
    try {
      fleet.start();
      api.post("/api/device-sets", Fixtures.filterSet("sec-fleet", "fridge", "sec-fleet"));
      await().atMost(Duration.ofSeconds(10)).until(() -> api.onlineIn("sec-fleet") == 20);
      String job = api.post("/api/jobs", Fixtures.fanSpeedJob("sec-fleet", 6, true)).body().get("id").asText();
      await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/jobs/" + job).body().get("status").asText().equals("COMPLETED"));
      assertThat(fleet.device("sec-fleet-0019").settings().get("fanSpeed").asInt()).isEqualTo(6);
      assertThat(fleet.stats().snapshot().errorsReceived()).isZero();
    } finally {
      fleet.close();
    }
  }

  @Test
  void bulkRegistrationIsAllOrNothingAndNamesTheRowAtFault() {
    Api.Answer refused = api.post("/api/devices/bulk", """
        [{"id": "bulk-1", "template": "fridge"}, {"id": "bulk-2", "template": "no-such-template"}]""");
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body().get("errors").get(0).get("field").asText()).isEqualTo("[1].template");
    assertThat(api.get("/api/devices/bulk-1").status()).isEqualTo(404);

    Api.Answer twice = api.post("/api/devices/bulk", """
        [{"id": "bulk-3", "template": "fridge"}, {"id": "bulk-3", "template": "fridge"}]""");
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.body().get("errors").get(0).get("field").asText()).isEqualTo("[1].id");
    assertThat(api.get("/api/devices/bulk-3").status()).isEqualTo(404);
  }

  @Test
  void bulkRegistrationTakesCsvAndAnswersTheCredentialsAsAFile() {
    Api.Text file = api.text(io.micronaut.http.HttpRequest.POST("/api/devices/bulk", """
        id,template,name,attributes.region
        csv-1,fridge,First,north
        "csv-2",fridge,"Second, with a comma",south
        """).contentType("text/csv").accept("text/csv"));
    assertThat(file.status()).isEqualTo(201);
    List<String> lines = file.body().lines().toList();
    assertThat(lines.get(0)).isEqualTo("deviceId,secret");
    assertThat(lines).hasSize(3);
    String secret = lines.get(2).split(",")[1];
    assertThat(api.get("/api/devices/csv-2").body().get("name").asText()).isEqualTo("Second, with a comma");
    assertThat(api.get("/api/devices/csv-2").body().get("attributes").get("region").asText()).isEqualTo("south");
    connected("csv-2", secret).disconnect();
  }

  @Test
  void onlyAnAdminRegistersDevicesOrSeesAndChangesTheirCredentials() {
    register("sec-admin-only", "x");
    Api operator = api.newUser("sec-operator", "operator");
    assertThat(operator.post("/api/devices", Fixtures.device("sec-op-dev", "fridge", "x")).status()).isEqualTo(403);
    assertThat(operator.post("/api/devices/bulk", "[{\"id\": \"sec-op-dev\", \"template\": \"fridge\"}]").status()).isEqualTo(403);
    assertThat(operator.get("/api/devices/sec-admin-only/credential").status()).isEqualTo(403);
    assertThat(operator.post("/api/devices/sec-admin-only/credential").status()).isEqualTo(403);
    assertThat(operator.delete("/api/devices/sec-admin-only/credential").status()).isEqualTo(403);
    assertThat(api.get("/api/devices/sec-op-dev").status()).isEqualTo(404);
    // the secret is never readable again, by anyone
    assertThat(api.get("/api/devices/sec-admin-only").body().get("credential").isNull()).isTrue();
  }

  @Test
  void theSecretIsStoredOnlyAsAHashAndASealedCopy() {
    String secret = register("sec-stored", "x");
    String rows = app.bean(io.micronaut.data.jdbc.runtime.JdbcOperations.class).execute(conn -> {
      try (var rs = conn.createStatement().executeQuery("SELECT secret_hash, sealed_secret FROM device_credential WHERE device_id = 'sec-stored'")) {
        rs.next();
        return rs.getString(1) + " " + rs.getString(2);
      }
    });
    assertThat(rows).startsWith("$6$").doesNotContain(secret);
  }
}
