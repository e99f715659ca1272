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
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.app.support.MutableClock;
import io.fleetjobs.app.support.TestBroker;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.Enrolment;
import io.fleetjobs.contract.Topics;
import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.SimulatedFleet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Enrolment against the real embedded broker, service and database: a device that knows an enrolment token of its
 * template connects once, is registered and receives its own credential on its own topic, then connects with it; bad,
 * expired, revoked and used-up tokens and registered ids are refused; an enrolling connection can do nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnrolmentIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AppUnderTest app;
  private Api api;
  private MutableClock clock;
  private int port;

  @BeforeAll
  void start() {
    port = TestBroker.freePort();
    app = AppUnderTest.withEmbeddedBroker(port, Map.of("test.clock", "mutable"));
    api = app.api();
    clock = app.bean(MutableClock.class);
    assertThat(api.post("/api/templates", Fixtures.fridgeTemplate("fridge")).status()).isEqualTo(201);
  }

  @AfterAll
  void stop() {
    app.close();
  }

  /** A new token of template fridge: its id and the token itself. */
  private record Token(String id, String secret) {}

  private Token token(String body) {
    Api.Answer created = api.post("/api/templates/fridge/enrolment-tokens", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return new Token(created.body().get("id").asText(), created.body().get("token").asText());
  }

  private Token token(int maxUses) {
    return token("{\"name\": \"batch\", \"maxUses\": %d}".formatted(maxUses));
  }

  private JsonNode listed(Token token) {
    for (JsonNode t : api.get("/api/templates/fridge/enrolment-tokens").body()) {
      if (t.get("id").asText().equals(token.id())) {
        return t;
      }
    }
    throw new AssertionError("token " + token.id() + " is not listed");
  }

  private Mqtt5BlockingClient enrolling(String deviceId, String token) {
    return Mqtt5Client.builder().identifier(deviceId).serverHost("127.0.0.1").serverPort(port)
        .simpleAuth().username(Enrolment.USERNAME).password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
        .buildBlocking();
  }

  private Mqtt5BlockingClient device(String deviceId, String secret) {
    return Mqtt5Client.builder().identifier(deviceId).serverHost("127.0.0.1").serverPort(port)
        .simpleAuth().username(deviceId).password(secret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
        .buildBlocking();
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

  /** An enrolling connection, subscribed as the contract says, whose answers arrive in {@link #answer}. */
  private final class Enrolling implements AutoCloseable {
    final String deviceId;
    final Mqtt5BlockingClient client;
    final Mqtt5BlockingClient.Mqtt5Publishes answers;

    Enrolling(String deviceId, String token) {
      this.deviceId = deviceId;
      this.client = enrolling(deviceId, token);
      client.connect();
      answers = client.publishes(MqttGlobalPublishFilter.ALL);
      for (String topic : Topics.enrolmentSubscriptions(deviceId)) {
        client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      }
    }

    CompletableFuture<?> ask(String request) {
      return client.toAsync().publishWith().topic(Topics.topic(deviceId, Channel.ENROLMENT_REQUEST)).qos(MqttQos.AT_LEAST_ONCE)
          .payload(request.getBytes(StandardCharsets.UTF_8)).send();
    }

    /** The service's answer: on down/credential or down/error. */
    Mqtt5Publish answer() throws InterruptedException {
      return answers.receive(10, TimeUnit.SECONDS).orElseThrow(() -> new AssertionError("no answer to " + deviceId + "'s enrolment"));
    }

    @Override
    public void close() {
      answers.close();
      if (client.getState().isConnected()) {
        client.disconnect();
      }
    }
  }

  private static JsonNode json(Mqtt5Publish publish) throws Exception {
    return JSON.readTree(publish.getPayloadAsBytes());
  }

  /** Enrols {@code deviceId} with {@code token} as the contract says; returns the Credential message. */
  private JsonNode enrol(String deviceId, String token, String request) throws Exception {
    try (Enrolling enrolling = new Enrolling(deviceId, token)) {
      enrolling.ask(request).get(10, TimeUnit.SECONDS);
      Mqtt5Publish answer = enrolling.answer();
      assertThat(answer.getTopic().toString()).as(new String(answer.getPayloadAsBytes(), StandardCharsets.UTF_8))
          .isEqualTo(Topics.topic(deviceId, Channel.CREDENTIAL));
      return json(answer);
    }
  }

  private boolean registered(String deviceId) {
    Api.Answer found = api.get("/api/devices/" + deviceId);
    return found.status() == 200 && !found.body().get("deleted").asBoolean();
  }

  @Test
  void aDeviceEnrolsWithAValidTokenThenConnectsWithItsIssuedSecretAndRunsAJob() throws Exception {
    Token token = token(5);
    assertThat(token.secret()).startsWith(Enrolment.TOKEN_PREFIX).hasSize(Enrolment.TOKEN_PREFIX.length() + 43);

    JsonNode credential = enrol("enr-job-0000", token.secret(),
        "{\"contractVersion\": 1, \"name\": \"Lobby fridge\", \"attributes\": {\"region\": \"enr-job\", \"model\": \"VF-200\"}}");
    assertThat(credential.get("deviceId").asText()).isEqualTo("enr-job-0000");
    String secret = credential.get("secret").asText();
    assertThat(secret).hasSize(32);
    assertThat(credential.get("issuedAt").asText()).isEqualTo(clock.instant().toString());

    JsonNode device = api.get("/api/devices/enr-job-0000").body();
    assertThat(device.get("template").asText()).isEqualTo("fridge");
    assertThat(device.get("name").asText()).isEqualTo("Lobby fridge");
    assertThat(device.get("attributes").get("region").asText()).isEqualTo("enr-job");
    assertThat(device.get("transport").asText()).isEqualTo("MQTT");
    assertThat(api.get("/api/devices/enr-job-0000/credential").body().get("state").asText()).isEqualTo("ACTIVE");
    JsonNode listed = listed(token);
    assertThat(listed.get("uses").asInt()).isEqualTo(1);
    assertThat(listed.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(listed.get("lastUsedAt").asText()).isEqualTo(clock.instant().toString());

    // the enrolled device is an ordinary device now: it connects with its own secret and runs a job
    try (SimulatedFleet fleet = SimulatedFleet.builder().brokerPort(port).template("fridge").idPrefix("enr-job-").count(1)
        .attributes(i -> Map.of("region", "enr-job")).credentials(Map.of("enr-job-0000", secret))
        .behaviour(Behaviour.builder().latency(Duration.ofMillis(1), Duration.ofMillis(10)).build()).build()) {
      fleet.start();
      api.post("/api/device-sets", Fixtures.filterSet("enr-job", "fridge", "enr-job"));
      await().atMost(Duration.ofSeconds(10)).until(() -> api.onlineIn("enr-job") == 1);
      String job = api.post("/api/jobs", Fixtures.fanSpeedJob("enr-job", 4, true)).body().get("id").asText();
      await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/jobs/" + job).body().get("status").asText().equals("COMPLETED"));
      assertThat(fleet.device("enr-job-0000").settings().get("fanSpeed").asInt()).isEqualTo(4);
    }
    // and it cannot enrol again: it is registered
    assertThat(refusal(enrolling("enr-job-0000", token.secret()))).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
  }

  @Test
  void aSimulatedFleetEnrolsWithItsTemplatesTokenAndRunsAJob() {
    Token token = token(20);
    Map<String, String> enrolled = new java.util.concurrent.ConcurrentHashMap<>();
    try (SimulatedFleet fleet = SimulatedFleet.builder().brokerPort(port).template("fridge").idPrefix("enr-fleet-").count(20)
        .attributes(i -> Map.of("region", "enr-fleet")).enrolToken(token.secret()).onEnrolled(enrolled::put)
        .behaviour(Behaviour.builder().latency(Duration.ofMillis(1), Duration.ofMillis(20)).build()).build()) {
      fleet.start();
      assertThat(enrolled).hasSize(20).allSatisfy((id, secret) -> assertThat(secret).hasSize(32));
      api.post("/api/device-sets", Fixtures.filterSet("enr-fleet", "fridge", "enr-fleet"));
      await().atMost(Duration.ofSeconds(10)).until(() -> api.onlineIn("enr-fleet") == 20);
      String job = api.post("/api/jobs", Fixtures.fanSpeedJob("enr-fleet", 7, true)).body().get("id").asText();
      await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/jobs/" + job).body().get("status").asText().equals("COMPLETED"));
      assertThat(fleet.device("enr-fleet-0019").settings().get("fanSpeed").asInt()).isEqualTo(7);
      assertThat(fleet.stats().snapshot().errorsReceived()).isZero();
    }
    assertThat(listed(token).get("uses").asInt()).isEqualTo(20);
    assertThat(listed(token).get("state").asText()).isEqualTo("USED_UP");
  }

  @Test
  void theSimulatorsCommandLineEnrolsKeepsTheCredentialsInItsFileAndReusesThemOnTheNextRun(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    Token token = token(3);
    java.nio.file.Path file = dir.resolve("enrolled.csv");
    String[] run = {"run", "--port", String.valueOf(port), "--count", "3", "--prefix", "enr-cli-", "--template", "fridge",
        "--attribute", "region=enr-cli", "--enrol-token", token.secret(), "--credentials", file.toString(), "--duration", "1s"};
    assertThat(new picocli.CommandLine(new io.fleetjobs.sim.cli.DeviceSimCommand()).execute(run)).isZero();
    Map<String, String> kept = io.fleetjobs.sim.provision.Credentials.read(file);
    assertThat(kept).containsOnlyKeys("enr-cli-0000", "enr-cli-0001", "enr-cli-0002");
    assertThat(api.get("/api/devices/enr-cli-0001").body().get("attributes").get("region").asText()).isEqualTo("enr-cli");
    assertThat(listed(token).get("state").asText()).isEqualTo("USED_UP");
    // the token has no use left, so this run connects only because it reuses the file's credentials
    assertThat(new picocli.CommandLine(new io.fleetjobs.sim.cli.DeviceSimCommand()).execute(run)).isZero();
    assertThat(io.fleetjobs.sim.provision.Credentials.read(file)).isEqualTo(kept);
    assertThat(listed(token).get("uses").asInt()).isEqualTo(3);
  }

  @Test
  void aBadTokenAnExpiredOneARevokedOneAndAUsedUpOneAreRefusedAtConnect() throws Exception {
    assertThat(refusal(enrolling("enr-bad-1", "fje_" + "A".repeat(43)))).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    assertThat(refusal(enrolling("enr-bad-1", "not-a-token"))).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);

    Token expiring = token("{\"name\": \"short-lived\", \"expiresAt\": \"%s\"}".formatted(clock.instant().plus(Duration.ofMinutes(1))));
    clock.advance(Duration.ofMinutes(2));
    assertThat(refusal(enrolling("enr-bad-2", expiring.secret()))).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    assertThat(listed(expiring).get("state").asText()).isEqualTo("EXPIRED");

    Token revoked = token(10);
    Api.Answer revocation = api.delete("/api/templates/fridge/enrolment-tokens/" + revoked.id());
    assertThat(revocation.status()).isEqualTo(200);
    assertThat(revocation.body().get("state").asText()).isEqualTo("REVOKED");
    assertThat(revocation.body().get("revokedAt").asText()).isEqualTo(clock.instant().toString());
    assertThat(refusal(enrolling("enr-bad-3", revoked.secret()))).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    assertThat(api.delete("/api/templates/fridge/enrolment-tokens/" + revoked.id()).status()).as("revoking twice").isEqualTo(200);

    Token once = token(1);
    enrol("enr-bad-4", once.secret(), "{\"contractVersion\": 1}");
    assertThat(refusal(enrolling("enr-bad-5", once.secret()))).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    assertThat(listed(once).get("state").asText()).isEqualTo("USED_UP");

    for (String id : List.of("enr-bad-1", "enr-bad-2", "enr-bad-3", "enr-bad-5")) {
      assertThat(registered(id)).as(id).isFalse();
    }
    assertThat(listed(expiring).get("uses").asInt()).isZero();
    assertThat(listed(revoked).get("uses").asInt()).isZero();
  }

  @Test
  void aTokenOfOneUseEnrolsExactlyOneOfTwoDevicesRacingForIt() throws Exception {
    for (int round = 0; round < 5; round++) {
      Token token = token(1);
      String a = "enr-race-" + round + "-a";
      String b = "enr-race-" + round + "-b";
      // both connect while the token still has its use: the race is for the registration
      try (Enrolling first = new Enrolling(a, token.secret()); Enrolling second = new Enrolling(b, token.secret())) {
        CompletableFuture.allOf(first.ask("{\"contractVersion\": 1}"), second.ask("{\"contractVersion\": 1}")).get(10, TimeUnit.SECONDS);
        List<String> answers = new ArrayList<>();
        for (Enrolling e : List.of(first, second)) {
          Mqtt5Publish answer = e.answer();
          String channel = Topics.parse(answer.getTopic().toString()).channel().name();
          if (channel.equals("ERROR")) {
            assertThat(json(answer).get("message").asText()).isEqualTo("the enrolment token is revoked, expired or used up");
          }
          answers.add(channel.equals("ERROR") ? json(answer).get("code").asText() : channel);
        }
        assertThat(answers).as("round " + round).containsExactlyInAnyOrder("CREDENTIAL", "ENROLMENT_REFUSED");
      }
      assertThat(registered(a) ^ registered(b)).as("exactly one of %s, %s registered", a, b).isTrue();
      assertThat(listed(token).get("uses").asInt()).isEqualTo(1);
      assertThat(listed(token).get("state").asText()).isEqualTo("USED_UP");
    }
  }

  @Test
  void aTokensUsesAreCountedAtomicallyWhenManyDevicesEnrolAtOnce() throws Exception {
    Token token = token(3);
    io.fleetjobs.app.identity.Enrolments enrolments = app.bean(io.fleetjobs.app.identity.Enrolments.class);
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<Boolean>> outcomes = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        String id = "enr-many-" + i;
        outcomes.add(threads.submit(() -> {
          go.await();
          try {
            enrolments.enrol(id, token.id(), io.fleetjobs.contract.message.EnrolmentRequest.of(null, null));
            return true;
          } catch (io.fleetjobs.contract.ContractViolation refused) {
            assertThat(refused.code()).isEqualTo(io.fleetjobs.contract.ErrorCode.ENROLMENT_REFUSED);
            return false;
          }
        }));
      }
      go.countDown();
      long enrolled = 0;
      for (var outcome : outcomes) {
        enrolled += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(enrolled).isEqualTo(3);
    } finally {
      threads.shutdownNow();
    }
    assertThat(java.util.stream.IntStream.range(0, 8).filter(i -> registered("enr-many-" + i)).count()).isEqualTo(3);
    assertThat(listed(token).get("uses").asInt()).isEqualTo(3);
  }

  @Test
  void anEnrollingConnectionMayOnlyAskForItsOwnCredential() throws Exception {
    Token token = token(10);
    Mqtt5BlockingClient client = enrolling("enr-confined", token.secret());
    client.connect();
    for (String filter : List.of("#", "fleet/v1/devices/enr-confined/down/#", "fleet/v1/devices/enr-confined/down/execution",
        "fleet/v1/devices/enr-other/down/credential", "fleet/v1/devices/+/down/credential",
        "$share/g/fleet/v1/devices/enr-confined/down/credential")) {
      assertThatThrownBy(() -> client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send())
          .as(filter).isInstanceOfSatisfying(Mqtt5SubAckException.class, e -> assertThat(e.getMqttMessage().getReasonCodes())
              .containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED));
    }
    for (String topic : Topics.enrolmentSubscriptions("enr-confined")) {
      client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
    }
    client.disconnect();

    // every publish but its own enrolment request is refused, and ends the connection
    for (String topic : List.of("fleet/v1/devices/enr-confined/up/presence", "fleet/v1/devices/enr-confined/up/execution-update",
        "fleet/v1/devices/enr-confined/down/credential", "fleet/v1/devices/enr-other/up/enrolment-request")) {
      assertPublishRefused(token, topic, false);
    }
    assertPublishRefused(token, Topics.topic("enr-confined", Channel.ENROLMENT_REQUEST), true);

    // a last will would be a publish on its presence topic: the connect itself is refused
    Mqtt5BlockingClient withWill = enrolling("enr-confined", token.secret());
    assertThatThrownBy(() -> withWill.connectWith().willPublish().topic(Topics.topic("enr-confined", Channel.PRESENCE))
        .payload("{\"contractVersion\":1,\"state\":\"OFFLINE\"}".getBytes(StandardCharsets.UTF_8)).applyWillPublish().send())
        .isInstanceOfSatisfying(Mqtt5ConnAckException.class,
            e -> assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED));

    assertThat(registered("enr-confined")).isFalse();
    assertThat(registered("enr-other")).isFalse();
    assertThat(listed(token).get("uses").asInt()).isZero();
  }

  private void assertPublishRefused(Token token, String topic, boolean retain) {
    Mqtt5BlockingClient client = enrolling("enr-confined", token.secret());
    client.connect();
    assertThatThrownBy(() -> client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(retain)
        .payload("{\"contractVersion\": 1}".getBytes(StandardCharsets.UTF_8)).send())
        .as(topic).isInstanceOfSatisfying(Mqtt5PubAckException.class,
            e -> assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED));
    await().atMost(Duration.ofSeconds(5)).until(() -> !client.getState().isConnectedOrReconnect());
  }

  @Test
  void anIdAlreadyRegisteredCannotEnrolNorOneRegisteredWhileItsEnrollingConnectionIsOpen() throws Exception {
    Token token = token(10);
    assertThat(api.post("/api/devices", Fixtures.device("enr-taken", "fridge", "x")).status()).isEqualTo(201);
    assertThat(refusal(enrolling("enr-taken", token.secret()))).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
    // with a bad token the answer does not tell whether the id is registered
    assertThat(refusal(enrolling("enr-taken", "fje_" + "B".repeat(43)))).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);

    try (Enrolling late = new Enrolling("enr-late", token.secret())) {
      assertThat(api.post("/api/devices", Fixtures.device("enr-late", "fridge", "admin")).status()).isEqualTo(201);
      late.ask("{\"contractVersion\": 1, \"attributes\": {\"region\": \"enrolment\"}}").get(10, TimeUnit.SECONDS);
      Mqtt5Publish answer = late.answer();
      assertThat(answer.getTopic().toString()).isEqualTo(Topics.topic("enr-late", Channel.ERROR));
      JsonNode error = json(answer);
      assertThat(error.get("code").asText()).isEqualTo("ENROLMENT_REFUSED");
      assertThat(error.get("topic").asText()).isEqualTo(Topics.topic("enr-late", Channel.ENROLMENT_REQUEST));
      assertThat(error.get("message").asText()).contains("already registered");
    }
    assertThat(api.get("/api/devices/enr-late").body().get("attributes").get("region").asText()).isEqualTo("admin");
    assertThat(listed(token).get("uses").asInt()).isZero();
  }

  @Test
  void anEnrolmentRequestOnARegisteredDevicesOwnConnectionIsRefusedEvenWithAForgedStamp() throws Exception {
    Token token = token(10);
    String secret = api.post("/api/devices", Fixtures.device("enr-forger", "fridge", "x")).body().get("credential").get("secret").asText();
    Mqtt5BlockingClient forger = device("enr-forger", secret);
    forger.connect();
    try (Mqtt5BlockingClient.Mqtt5Publishes answers = forger.publishes(MqttGlobalPublishFilter.ALL)) {
      forger.subscribeWith().topicFilter(Topics.deviceSubscription("enr-forger")).qos(MqttQos.AT_LEAST_ONCE).send();
      forger.publishWith().topic(Topics.topic("enr-forger", Channel.ENROLMENT_REQUEST)).qos(MqttQos.AT_LEAST_ONCE)
          .userProperties().add("fleet-enrolment-token", token.id()).applyUserProperties()
          .payload("{\"contractVersion\": 1}".getBytes(StandardCharsets.UTF_8)).send();
      Mqtt5Publish answer = answers.receive(10, TimeUnit.SECONDS).orElseThrow();
      assertThat(answer.getTopic().toString()).isEqualTo(Topics.topic("enr-forger", Channel.ERROR));
      JsonNode error = json(answer);
      assertThat(error.get("code").asText()).isEqualTo("ENROLMENT_REFUSED");
      // refused for want of the broker's stamp (the forged one was removed), not because the device exists
      assertThat(error.get("message").asText()).contains("enrolment token (user name " + Enrolment.USERNAME + ")");
    } finally {
      forger.disconnect();
    }
    assertThat(listed(token).get("uses").asInt()).isZero();
    Mqtt5BlockingClient again = device("enr-forger", secret);
    again.connect(); // its own secret still works: nothing was re-issued
    again.disconnect();
  }

  @Test
  void aBrokenEnrolmentRequestGetsTheUsualErrorAndCostsNoUse() throws Exception {
    Token token = token(1);
    try (Enrolling enrolling = new Enrolling("enr-broken", token.secret())) {
      enrolling.ask("{\"contractVersion\": 1, \"attributes\": {\"floor\": 3}}").get(10, TimeUnit.SECONDS);
      JsonNode error = json(enrolling.answer());
      assertThat(error.get("code").asText()).isEqualTo("WRONG_TYPE");
      assertThat(error.get("field").asText()).isEqualTo("attributes.floor");
      assertThat(registered("enr-broken")).isFalse();
      // fixed, on the same connection
      enrolling.ask("{\"contractVersion\": 1, \"attributes\": {\"floor\": \"3\"}}").get(10, TimeUnit.SECONDS);
      Mqtt5Publish answer = enrolling.answer();
      assertThat(answer.getTopic().toString()).isEqualTo(Topics.topic("enr-broken", Channel.CREDENTIAL));
    }
    assertThat(api.get("/api/devices/enr-broken").body().get("attributes").get("floor").asText()).isEqualTo("3");
  }

  @Test
  void enrolmentTokensAreStoredOnlyAsTheirHashesAndNeverListed() throws Exception {
    Token token = token(3);
    String row = app.bean(io.micronaut.data.jdbc.runtime.JdbcOperations.class).execute(conn -> {
      try (var ps = conn.prepareStatement("SELECT * FROM enrolment_token WHERE id = ?")) {
        ps.setString(1, token.id());
        try (var rs = ps.executeQuery()) {
          rs.next();
          StringBuilder all = new StringBuilder();
          for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
            all.append(rs.getMetaData().getColumnName(c).toLowerCase()).append('=').append(rs.getString(c)).append(' ');
          }
          return all.toString();
        }
      }
    });
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.secret().getBytes(StandardCharsets.UTF_8)));
    assertThat(row).contains("token_hash=" + sha256).doesNotContain(token.secret()).doesNotContain(token.secret().substring(10));
    JsonNode listed = listed(token);
    assertThat(listed.get("token").isNull()).isTrue();
    assertThat(listed.get("hint").asText()).isEqualTo(token.secret().substring(0, 10));
    assertThat(listed.get("createdBy").asText()).isEqualTo("admin");
    assertThat(listed.get("maxUses").asInt()).isEqualTo(3);
  }

  @Test
  void onlyAnAdminMakesListsOrRevokesEnrolmentTokens() {
    Token token = token(1);
    for (String role : List.of("operator", "viewer")) {
      Api user = api.newUser("enr-" + role, role);
      assertThat(user.post("/api/templates/fridge/enrolment-tokens", "{\"name\": \"x\"}").status()).as(role).isEqualTo(403);
      assertThat(user.get("/api/templates/fridge/enrolment-tokens").status()).as(role).isEqualTo(403);
      assertThat(user.delete("/api/templates/fridge/enrolment-tokens/" + token.id()).status()).as(role).isEqualTo(403);
    }
    assertThat(api.withToken(null).get("/api/templates/fridge/enrolment-tokens").status()).isEqualTo(401);
    assertThat(listed(token).get("state").asText()).isEqualTo("ACTIVE");
  }

  @Test
  void aTokenRequestIsCheckedAndTheFieldAtFaultNamed() {
    assertField(api.post("/api/templates/fridge/enrolment-tokens", "{\"maxUses\": 3}"), 422, "name");
    assertField(api.post("/api/templates/fridge/enrolment-tokens", "{\"name\": \"  \"}"), 422, "name");
    assertField(api.post("/api/templates/fridge/enrolment-tokens", "{\"name\": \"%s\"}".formatted("n".repeat(101))), 422, "name");
    assertField(api.post("/api/templates/fridge/enrolment-tokens", "{\"name\": \"x\", \"expiresAt\": \"%s\"}"
        .formatted(clock.instant().minusSeconds(1))), 422, "expiresAt");
    assertField(api.post("/api/templates/fridge/enrolment-tokens", "{\"name\": \"x\", \"maxUses\": 0}"), 422, "maxUses");
    assertThat(api.post("/api/templates/no-such-template/enrolment-tokens", "{\"name\": \"x\"}").status()).isEqualTo(404);
    assertThat(api.get("/api/templates/no-such-template/enrolment-tokens").status()).isEqualTo(404);
    assertThat(api.delete("/api/templates/fridge/enrolment-tokens/no-such-token").status()).isEqualTo(404);

    api.post("/api/templates", Fixtures.fridgeTemplate("enr-other-template"));
    Token other = new Token(api.post("/api/templates/enr-other-template/enrolment-tokens", "{\"name\": \"other\"}").body().get("id").asText(), null);
    assertThat(api.delete("/api/templates/fridge/enrolment-tokens/" + other.id()).status()).as("another template's token").isEqualTo(404);
    // a template's tokens go with it
    assertThat(api.delete("/api/templates/enr-other-template").status()).isEqualTo(204);
    assertThat(api.get("/api/templates/enr-other-template/enrolment-tokens").status()).isEqualTo(404);
  }

  private static void assertField(Api.Answer answer, int status, String field) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.body().get("errors").get(0).get("field").asText()).as(answer.toString()).isEqualTo(field);
  }
}
