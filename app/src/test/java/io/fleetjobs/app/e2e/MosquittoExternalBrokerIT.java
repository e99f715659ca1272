package io.fleetjobs.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.fleetjobs.app.identity.SecretHash;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.app.support.MosquittoBroker;
import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.SimulatedFleet;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * mosquitto as the external broker enforces the same confinement: Debian's mosquitto 2.0, configured exactly as
 * {@code config/examples/mosquitto.conf}, with the password and ACL files the service writes and reloads as
 * credentials change. The service has no sender check here (MQTT carries no sender identity); mosquitto's ACL does the
 * confining alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MosquittoExternalBrokerIT {

  @RegisterExtension
  static final MosquittoBroker MOSQUITTO = new MosquittoBroker();

  private static final String SERVICE_PASSWORD = "it-service-" + UUID.randomUUID();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(20);

  private AppUnderTest app;

  @BeforeAll
  void start() {
    app = new AppUnderTest(Map.of(
        "fleet.mqtt.embedded", "false",
        "fleet.mqtt.url", "tcp://127.0.0.1:" + MOSQUITTO.servicePort(),
        "fleet.mqtt.password", SERVICE_PASSWORD,
        "fleet.mqtt.shared-group", "",
        "fleet.mqtt.mosquitto.dir", MOSQUITTO.filesDir().toString(),
        "fleet.mqtt.mosquitto.reload-command", MOSQUITTO.reloadCommand(),
        "fleet.mqtt.mosquitto.debounce", "50ms"));
    api().post("/api/templates", Fixtures.fridgeTemplate("fridge"));
    api().post("/api/templates", Fixtures.fridgeTemplate("sim-gateway"));
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  /** Fresh after a restart of the service. */
  private Api api() {
    return app.api();
  }

  private String register(String id, String region) {
    Api.Answer answer = api().post("/api/devices", Fixtures.device(id, "fridge", region));
    assertThat(answer.status()).isEqualTo(201);
    return answer.body().get("credential").get("secret").asText();
  }

  /** A client of the devices' listener. */
  private static Mqtt5BlockingClient client(String clientId, String username, String password) {
    return client(MOSQUITTO.devicePort(), clientId, username, password);
  }

  private static Mqtt5BlockingClient client(int port, String clientId, String username, String password) {
    var builder = Mqtt5Client.builder().identifier(clientId).serverHost("127.0.0.1").serverPort(port);
    if (username != null) {
      builder.simpleAuth().username(username).password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
    }
    return builder.buildBlocking();
  }

  /** The service's account on its own listener, as a test's eyes and hands. */
  private static Mqtt5BlockingClient serviceAccount() {
    Mqtt5BlockingClient client = client(MOSQUITTO.servicePort(), "it-probe-" + UUID.randomUUID(), "service@fleet-jobs", SERVICE_PASSWORD);
    client.connect();
    return client;
  }

  /** Connects as the device once mosquitto has loaded files holding its credential. */
  private static Mqtt5BlockingClient signedIn(String id, String secret) {
    return await("device " + id + " signing in").atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
      Mqtt5BlockingClient client = client(id, id, secret);
      client.connect();
      return client;
    }, c -> true);
  }

  /**
   * Waits until mosquitto holds every credential issued so far: a device registered now can sign in only once files
   * written after all earlier changes are loaded.
   */
  private void awaitFilesCurrent() {
    String id = "mq-probe-" + UUID.randomUUID().toString().substring(0, 8);
    signedIn(id, register(id, "probe")).disconnect();
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

  private static void publish(Mqtt5BlockingClient client, String topic, String json) {
    client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(json.getBytes(StandardCharsets.UTF_8)).send();
  }

  private static void assertNotAuthorized(Mqtt5BlockingClient client, String topic, String json) {
    assertThatThrownBy(() -> publish(client, topic, json)).as(topic).isInstanceOfSatisfying(Mqtt5PubAckException.class,
        e -> assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED));
  }

  /** Every message the client receives, as topic and payload text. */
  private static List<Map.Entry<String, String>> collect(Mqtt5BlockingClient client) {
    List<Map.Entry<String, String>> received = new CopyOnWriteArrayList<>();
    client.toAsync().publishes(MqttGlobalPublishFilter.ALL,
        p -> received.add(Map.entry(p.getTopic().toString(), new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8))));
    return received;
  }

  private static boolean got(List<Map.Entry<String, String>> received, String payload) {
    return received.stream().anyMatch(e -> e.getValue().equals(payload));
  }

  private String file(String name) {
    try {
      return Files.readString(MOSQUITTO.filesDir().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String storedHash(String deviceId) {
    return app.bean(JdbcOperations.class).execute(conn -> {
      try (var ps = conn.prepareStatement("SELECT secret_hash FROM device_credential WHERE device_id = ?")) {
        ps.setString(1, deviceId);
        try (var rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
  }

  @Test
  void aFleetProvisionedThroughTheApiRunsAJobToCompletionThroughMosquittoGatewayChildrenIncluded() {
    SimulatedFleet fleet = app.provision(SimulatedFleet.builder().brokerPort(MOSQUITTO.devicePort()).template("fridge")
        .idPrefix("mq-fleet-").count(10).gateways(1).children(3).attributes(i -> Map.of("region", "mq-fleet"))
        .behaviour(Behaviour.builder().latency(Duration.ofMillis(1), Duration.ofMillis(20)).build())).build();
    try {
      awaitFilesCurrent();
      fleet.start();
      api().post("/api/device-sets", Fixtures.filterSet("mq-fleet", "fridge", "mq-fleet"));
      await().atMost(WAIT).until(() -> api().onlineIn("mq-fleet") == 13);
      String job = api().post("/api/jobs", Fixtures.fanSpeedJob("mq-fleet", 7, true)).body().get("id").asText();
      await().atMost(WAIT).until(() -> api().get("/api/jobs/" + job).body().get("status").asText().equals("COMPLETED"));
      JsonNode counts = api().get("/api/jobs/" + job).body().get("counts");
      assertThat(counts.get("completed").asLong()).isEqualTo(13);
      assertThat(fleet.device("mq-fleet-0009").settings().get("fanSpeed").asInt()).isEqualTo(7);
      assertThat(fleet.device("mq-fleet-gw-0000-c-0002").settings().get("fanSpeed").asInt()).isEqualTo(7);
      assertThat(fleet.stats().snapshot().errorsReceived()).isZero();
    } finally {
      fleet.close();
    }
  }

  @Test
  void anAnswerSentWhileTheServiceIsDownWaitsInItsPersistentSessionAndCompletesTheJobWhenItReturns() throws Exception {
    Mqtt5BlockingClient device = signedIn("mq-durable", register("mq-durable", "mq-durable"));
    List<Map.Entry<String, String>> received = collect(device);
    try {
      device.subscribeWith().topicFilter("fleet/v1/devices/mq-durable/down/#").qos(MqttQos.AT_LEAST_ONCE).send();
      publish(device, "fleet/v1/devices/mq-durable/up/presence",
          "{\"contractVersion\": 1, \"state\": \"ONLINE\", \"template\": \"fridge\", \"attributes\": {\"region\": \"mq-durable\"}}");
      await().atMost(WAIT).until(() -> api().get("/api/devices/mq-durable").body().get("presence").asText().equals("ONLINE"));
      api().post("/api/device-sets", Fixtures.filterSet("mq-durable", "fridge", "mq-durable"));
      String job = api().post("/api/jobs", Fixtures.fanSpeedJob("mq-durable", 4, true)).body().get("id").asText();
      await().atMost(WAIT).until(() -> received.stream().anyMatch(e -> e.getKey().endsWith("/down/execution")));
      String executionId = JSON.readTree(received.stream().filter(e -> e.getKey().endsWith("/down/execution")).findFirst()
          .orElseThrow().getValue()).get("executionId").asText();

      app.restart(() -> publish(device, "fleet/v1/devices/mq-durable/up/execution-update",
          "{\"contractVersion\": 1, \"executionId\": \"%s\", \"status\": \"SUCCEEDED\", \"version\": 1}".formatted(executionId)));

      await().atMost(WAIT).until(() -> api().get("/api/jobs/" + job).body().get("status").asText().equals("COMPLETED"));
    } finally {
      device.disconnect();
    }
  }

  @Test
  void aDeviceReadsNothingOfAnotherDevicesTopicsWhateverItSubscribesTo() {
    Mqtt5BlockingClient a = signedIn("mq-reader-a", register("mq-reader-a", "x"));
    Mqtt5BlockingClient b = signedIn("mq-reader-b", register("mq-reader-b", "x"));
    Mqtt5BlockingClient service = serviceAccount();
    List<Map.Entry<String, String>> toA = collect(a);
    List<Map.Entry<String, String>> toB = collect(b);
    List<Map.Entry<String, String>> toService = collect(service);
    try {
      b.subscribeWith().topicFilter("fleet/v1/devices/mq-reader-b/down/#").qos(MqttQos.AT_LEAST_ONCE).send();
      service.subscribeWith().topicFilter("fleet/v1/devices/+/up/#").qos(MqttQos.AT_LEAST_ONCE).send();
      // mosquitto's ACL file does not check SUBSCRIBE: it grants these and checks every message when it delivers it
      for (String filter : List.of("#", "fleet/v1/#", "fleet/v1/devices/+/down/#", "fleet/v1/devices/mq-reader-b/#",
          "fleet/v1/gateways/mq-reader-b/#", "$share/g/fleet/v1/devices/mq-reader-b/down/#", "fleet/v1/devices/mq-reader-a/down/#")) {
        assertThat(a.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send().getReasonCodes())
            .as(filter).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
      }

      publish(b, "fleet/v1/devices/mq-reader-b/up/properties", "{\"from\": \"b\"}");
      await().atMost(WAIT).until(() -> got(toService, "{\"from\": \"b\"}")); // routed to every subscriber by now
      publish(service, "fleet/v1/devices/mq-reader-b/down/execution", "{\"for\": \"b\"}");
      publish(service, "fleet/v1/gateways/mq-reader-b/devices/child-1/down/execution", "{\"for\": \"b's child\"}");
      publish(service, "fleet/v1/devices/mq-reader-a/down/execution", "{\"for\": \"a\"}");

      await().atMost(WAIT).until(() -> got(toA, "{\"for\": \"a\"}") && got(toB, "{\"for\": \"b\"}"));
      assertThat(toA).as("delivered in order, so anything of b's would have come first")
          .allSatisfy(e -> assertThat(e.getKey()).startsWith("fleet/v1/devices/mq-reader-a/"));
    } finally {
      a.disconnect();
      b.disconnect();
      service.disconnect();
    }
  }

  @Test
  void aDeviceCannotCompleteAnotherDevicesExecutionNorPublishOnTheServicesTopics() {
    String attackerSecret = register("mq-attacker", "attack");
    SimulatedFleet victim = app.provision(SimulatedFleet.builder().brokerPort(MOSQUITTO.devicePort()).template("fridge")
        .idPrefix("mq-victim-").count(1).attributes(i -> Map.of("region", "mq-victim"))
        .behaviour(Behaviour.builder().silentRate(1.0).build())).build();
    Mqtt5BlockingClient attacker = signedIn("mq-attacker", attackerSecret);
    try {
      awaitFilesCurrent();
      victim.start();
      api().post("/api/device-sets", Fixtures.filterSet("mq-victims", "fridge", "mq-victim"));
      await().atMost(WAIT).until(() -> api().onlineIn("mq-victims") == 1);
      String job = api().post("/api/jobs", Fixtures.fanSpeedJob("mq-victims", 3, true)).body().get("id").asText();
      await().atMost(WAIT).until(() -> victim.stats().snapshot().executionsReceived() == 1);
      String executionId = api().get("/api/jobs/" + job + "/devices").body().get("items").get(0).get("executionId").asText();

      // mosquitto answers NOT_AUTHORIZED and drops the message; the connection stays
      String forged = "{\"contractVersion\": 1, \"executionId\": \"%s\", \"status\": \"SUCCEEDED\", \"version\": 1}".formatted(executionId);
      assertNotAuthorized(attacker, "fleet/v1/devices/mq-victim-0000/up/execution-update", forged);
      assertNotAuthorized(attacker, "fleet/v1/devices/mq-victim-0000/down/execution", "{}");
      assertNotAuthorized(attacker, "fleet/v1/devices/mq-attacker/down/execution", "{}");
      assertNotAuthorized(attacker, "fleet/v1/gateways/mq-attacker/devices/mq-victim-0000/down/cancel", "{}");
      assertNotAuthorized(attacker, "fleet/v1/gateways/mq-victim-0000/devices/c-1/up/execution-update", forged);
      // what it may send reaches the service, after everything above would have
      publish(attacker, "fleet/v1/devices/mq-attacker/up/properties",
          "{\"contractVersion\": 1, \"version\": 1, \"properties\": {\"temperature\": 2.5}}");
      await().atMost(WAIT).until(() ->
          api().get("/api/devices/mq-attacker").body().get("reportedProperties").path("temperature").asDouble() == 2.5);

      assertThat(api().get("/api/jobs/" + job + "/devices").body().get("items").get(0).get("status").asText()).isEqualTo("PENDING");
      assertThat(api().get("/api/jobs/" + job).body().get("counts").get("completed").asLong()).isZero();
      api().post("/api/jobs/" + job + "/stop");
    } finally {
      attacker.disconnect();
      victim.close();
    }
  }

  @Test
  void aRetainedMessageEndsTheConnectionAndIsNotKept() {
    String secret = register("mq-retain", "x");
    Mqtt5BlockingClient device = signedIn("mq-retain", secret);
    // retain_available false: mosquitto closes the connection of a client that sends one (no PUBACK)
    assertThatThrownBy(() -> device.publishWith().topic("fleet/v1/devices/mq-retain/up/properties").qos(MqttQos.AT_LEAST_ONCE)
        .retain(true).payload("{\"retained\": true}".getBytes(StandardCharsets.UTF_8)).send())
        .isInstanceOf(com.hivemq.client.mqtt.exceptions.MqttSessionExpiredException.class);
    await().atMost(WAIT).until(() -> !device.getState().isConnected());

    Mqtt5BlockingClient service = serviceAccount();
    List<Map.Entry<String, String>> received = collect(service);
    Mqtt5BlockingClient again = signedIn("mq-retain", secret);
    try {
      service.subscribeWith().topicFilter("fleet/v1/devices/mq-retain/up/#").qos(MqttQos.AT_LEAST_ONCE).send();
      publish(again, "fleet/v1/devices/mq-retain/up/properties", "{\"retained\": false}");
      await().atMost(WAIT).until(() -> got(received, "{\"retained\": false}"));
      assertThat(received).extracting(Map.Entry::getValue).containsOnly("{\"retained\": false}");
    } finally {
      again.disconnect();
      service.disconnect();
    }
  }

  @Test
  void aWrongPasswordAnUnknownClientAndAMissingCredentialAreRefusedAtConnect() {
    String secret = register("mq-wrong", "x");
    signedIn("mq-wrong", secret).disconnect();
    // mosquitto 2.0.11 answers every refusal with NOT_AUTHORIZED (the embedded broker: BAD_USER_NAME_OR_PASSWORD)
    assertThat(refusal(client("mq-wrong", "mq-wrong", "not-the-secret"))).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
    assertThat(refusal(client("mq-nobody", "mq-nobody", secret))).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
    assertThat(refusal(client("mq-wrong", null, null))).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
    assertThat(refusal(client("mq-wrong", "mq-other", secret))).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
    // the service's account only on the service's listener, and no device there
    assertThat(refusal(client("svc", "service@fleet-jobs", SERVICE_PASSWORD))).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
    assertThat(refusal(client(MOSQUITTO.servicePort(), "mq-wrong", "mq-wrong", secret))).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
    assertThat(refusal(client(MOSQUITTO.servicePort(), "svc", "service@fleet-jobs", "guess"))).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
  }

  @Test
  void aDeviceThatGivesAnotherClientsIdIsConnectedAsItselfAndDisturbsNoOneTheServiceIncluded() {
    String secretA = register("mq-id-a", "x");
    Mqtt5BlockingClient b = signedIn("mq-id-b", register("mq-id-b", "x"));
    Mqtt5BlockingClient impostor = client("mq-id-b", "mq-id-a", secretA);
    try {
      impostor.connect();
      // had it taken over b's client id, b's connection would be closed by now
      publish(b, "fleet/v1/devices/mq-id-b/up/properties", "{\"contractVersion\": 1, \"version\": 1, \"properties\": {}}");
      assertThat(b.getState().isConnected()).isTrue();
      assertNotAuthorized(impostor, "fleet/v1/devices/mq-id-b/up/execution-update", "{}");
      publish(impostor, "fleet/v1/devices/mq-id-a/up/properties", "{\"contractVersion\": 1, \"version\": 1, \"properties\": {}}");
    } finally {
      impostor.disconnect();
      b.disconnect();
    }
    // nor can a device take over the service's session by giving the service's client id: it is connected as itself
    Mqtt5BlockingClient asService = client(app.property("fleet.mqtt.client-id"), "mq-id-a", secretA);
    asService.connect();
    try {
      publish(asService, "fleet/v1/devices/mq-id-a/up/properties",
          "{\"contractVersion\": 1, \"version\": 2, \"properties\": {\"temperature\": 1.5}}");
      await().atMost(WAIT).until(() ->
          api().get("/api/devices/mq-id-a").body().get("reportedProperties").path("temperature").asDouble() == 1.5);
      assertThat(MOSQUITTO.logText()).doesNotContain("Client " + app.property("fleet.mqtt.client-id") + " already connected");
      assertThat(app.bean(io.fleetjobs.app.mqtt.ServiceMqttClient.class).isConnected()).isTrue();
    } finally {
      asService.disconnect();
    }
  }

  @Test
  void aRevokedOrRotatedCredentialEndsTheConnectionOnceMosquittoReloadsAndIsRefusedOnTheNextConnect() {
    String secret = register("mq-revoke", "x");
    Mqtt5BlockingClient device = signedIn("mq-revoke", secret);

    assertThat(api().delete("/api/devices/mq-revoke/credential").body().get("state").asText()).isEqualTo("REVOKED");
    // on reload mosquitto checks every connected client against the new password file
    await().atMost(WAIT).until(() -> !device.getState().isConnected());
    assertThat(refusal(client("mq-revoke", "mq-revoke", secret))).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);

    String fresh = api().post("/api/devices/mq-revoke/credential").body().get("secret").asText();
    Mqtt5BlockingClient renewed = signedIn("mq-revoke", fresh);
    assertThat(refusal(client("mq-revoke", "mq-revoke", secret))).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);

    String rotated = api().post("/api/devices/mq-revoke/credential").body().get("secret").asText();
    await().atMost(WAIT).until(() -> !renewed.getState().isConnected());
    signedIn("mq-revoke", rotated).disconnect();
    assertThat(refusal(client("mq-revoke", "mq-revoke", fresh))).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
  }

  @Test
  void aDeletedDevicesCredentialGoesWithItsConnection() {
    String secret = register("mq-deleted", "x");
    Mqtt5BlockingClient device = signedIn("mq-deleted", secret);
    assertThat(api().delete("/api/devices/mq-deleted").status()).isEqualTo(204);
    await().atMost(WAIT).until(() -> !device.getState().isConnected());
    assertThat(refusal(client("mq-deleted", "mq-deleted", secret))).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
    assertThat(file("devices.passwd")).doesNotContain("mq-deleted:");
  }

  @Test
  void aNewlyRegisteredDeviceConnectsOnceTheFilesHoldItsStoredHash() {
    String secret = register("mq-new", "x");
    signedIn("mq-new", secret).disconnect();
    assertThat(file("devices.passwd").lines()).contains("mq-new:" + storedHash("mq-new"));
    assertThat(file("devices.passwd")).doesNotContain(secret);
    assertThat(SecretHash.matches(SERVICE_PASSWORD, file("service.passwd").strip().substring("service@fleet-jobs:".length()))).isTrue();
  }

  @Test
  void theMosquittoFilesCommandOfThePackagedJarWritesTheSameFilesWhileTheServiceIsStopped() {
    register("mq-command", "x");
    awaitFilesCurrent();
    Path out = MOSQUITTO.filesDir().resolveSibling("from-command");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    app.restart(() -> {
      try {
        Process command = new ProcessBuilder(java, "-Ddatasources.default.url=" + app.property("datasources.default.url"),
            "-Dfleet.mqtt.password=" + SERVICE_PASSWORD, "-jar", Path.of("target", "fleet-jobs-app.jar").toString(),
            "mosquitto-files", "--out", out.toString())
            .redirectErrorStream(true).redirectOutput(MOSQUITTO.filesDir().resolveSibling("command.log").toFile()).start();
        assertThat(command.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(command.exitValue()).as(Files.readString(MOSQUITTO.filesDir().resolveSibling("command.log"))).isZero();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    });
    try {
      assertThat(Files.readString(out.resolve("devices.passwd"))).contains("mq-command:").isEqualTo(file("devices.passwd"));
      assertThat(Files.readString(out.resolve("fleet.acl"))).isEqualTo(file("fleet.acl"));
      assertThat(SecretHash.matches(SERVICE_PASSWORD, Files.readString(out.resolve("service.passwd")).strip()
          .substring("service@fleet-jobs:".length()))).isTrue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
