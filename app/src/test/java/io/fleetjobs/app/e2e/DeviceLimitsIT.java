package io.fleetjobs.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.fleetjobs.app.limits.DeviceRefusals;
import io.fleetjobs.app.limits.LimitsConfig;
import io.fleetjobs.app.mqtt.ServiceAccount;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.app.support.LogCapture;
import io.fleetjobs.app.support.MutableClock;
import io.fleetjobs.app.support.RawMqtt5;
import io.fleetjobs.app.support.TestBroker;
import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.SimulatedFleet;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What one device may cost the service, against the real embedded broker, service and database: the largest packet,
 * client id and topic, the message rate of a device, and how refused messages are answered and logged. The limits are
 * the defaults of {@code fleet.limits}, except a log interval of 10 s and a disconnect after 2 s over the rate. The
 * service's clock stands still unless a test moves it, so allowances refill only when a test says so: what a flood
 * gets through is exact, and nothing waits for an interval to pass. H2 keeps statement statistics, so a test can say
 * what a flood wrote to the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceLimitsIT {

  private static final int MAX_PACKET = 262_144;

  private AppUnderTest app;
  private Api api;
  private MutableClock clock;
  private int port;

  @BeforeAll
  void start() {
    port = TestBroker.freePort();
    String db = Path.of("target", "it-db", UUID.randomUUID().toString()).toAbsolutePath().toString();
    app = AppUnderTest.withEmbeddedBroker(port, Map.of(
        "test.clock", "mutable",
        "datasources.default.url", "jdbc:h2:file:" + db + ";LOCK_TIMEOUT=10000;QUERY_STATISTICS=TRUE;QUERY_STATISTICS_MAX_ENTRIES=100000",
        "fleet.jobs.sweep-interval", "PT1H", // its periodic UPDATE would blur what a flood writes; nothing here times out
        "fleet.limits.log-interval", "PT10S",
        "fleet.limits.disconnect-after", "PT2S"));
    api = app.api();
    clock = app.bean(MutableClock.class);
    api.post("/api/templates", Fixtures.fridgeTemplate("fridge"));
  }

  @AfterAll
  void stop() {
    app.close();
  }

  private String register(String id) {
    Api.Answer answer = api.post("/api/devices", Fixtures.device(id, "fridge", "limits"));
    assertThat(answer.status()).isEqualTo(201);
    return answer.body().get("credential").get("secret").asText();
  }

  private Mqtt5BlockingClient client(String id, String secret, List<Throwable> disconnects) {
    return Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1").serverPort(port)
        .simpleAuth().username(id).password(secret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
        .addDisconnectedListener(context -> disconnects.add(context.getCause()))
        .buildBlocking();
  }

  /** A property report of exactly {@code packetSize} bytes on the wire, as one QoS 1 PUBLISH of MQTT 5. */
  private static byte[] reportFilling(String topic, int packetSize) {
    String head = "{\"contractVersion\": 1, \"version\": 1, \"properties\": {\"label\": \"";
    String tail = "\"}}";
    int remaining = packetSize - 1 - 3; // fixed header byte, three bytes of remaining length (up to 2 MiB)
    int payload = remaining - (2 + topic.length()) - 2 - 1; // topic, packet identifier, no properties
    return (head + "x".repeat(payload - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theLimitsAreTheDocumentedDefaults() {
    assertThat(app.bean(LimitsConfig.class)).isEqualTo(
        new LimitsConfig(262_144, 128, 1024, 50, 200, 2000, 20_000, Duration.ofSeconds(2), 200, Duration.ofSeconds(10), 20));
  }

  @Test
  void aDeviceSendingMalformedMessagesInALoopGetsABoundedNumberOfErrorRepliesAndOneLogLinePerInterval() {
    String id = "lim-malformed";
    Mqtt5BlockingClient device = client(id, register(id), new CopyOnWriteArrayList<>());
    List<String> errors = new CopyOnWriteArrayList<>();
    try (LogCapture log = LogCapture.of(DeviceRefusals.class)) {
      device.connect();
      device.toAsync().publishes(MqttGlobalPublishFilter.ALL, p -> errors.add(p.getTopic().toString()));
      device.subscribeWith().topicFilter("fleet/v1/devices/" + id + "/down/#").qos(MqttQos.AT_LEAST_ONCE).send();
      double before = refused("MALFORMED_JSON");
      List<CompletableFuture<?>> acks = new ArrayList<>();
      for (int i = 0; i < 150; i++) { // within the device's burst: the broker delivers them all
        acks.add(device.toAsync().publishWith().topic("fleet/v1/devices/" + id + "/up/execution-update").qos(MqttQos.AT_LEAST_ONCE)
            .payload(("not JSON " + i).getBytes(StandardCharsets.UTF_8)).send());
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();

      await().atMost(Duration.ofSeconds(20)).until(() -> refused("MALFORMED_JSON") - before >= 150);
      await().atMost(Duration.ofSeconds(5)).until(() -> errors.size() >= 20);
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> errors.size() == 20);
      assertThat(errors).allMatch(topic -> topic.equals("fleet/v1/devices/" + id + "/down/error"));
      assertThat(log.lines("'" + id + "'")).singleElement().asString().contains("MALFORMED_JSON", "summarized every 10 s");
      assertThat(app.api().text("/prometheus").body()).contains("fleet_device_error_replies_dropped_total");

      // at the end of the interval: one summary line with the count and the first error of it
      clock.advance(Duration.ofSeconds(10));
      await().atMost(Duration.ofSeconds(5)).until(() -> log.lines("'" + id + "'").size() == 2);
      assertThat(log.lines("'" + id + "'").get(1)).contains("149 more messages refused", "149 MALFORMED_JSON",
          "the first of them: MALFORMED_JSON on fleet/v1/devices/" + id + "/up/execution-update", "130 error replies not sent");
    } finally {
      device.disconnect();
    }
  }

  @Test
  void aFloodingDeviceIsDisconnectedOnceItsBurstIsRefusedWithoutWaitingWhileAJobOfOtherDevicesCompletesAndIsLoggedOncePerInterval() {
    SimulatedFleet fleet = app.provision(SimulatedFleet.builder().brokerPort(port).template("fridge").idPrefix("lim-fleet-").count(10)
        .attributes(i -> Map.of("region", "lim-fleet")).behaviour(Behaviour.builder().latency(Duration.ofMillis(1), Duration.ofMillis(20)).build()))
        .build();
    String id = "lim-flood";
    List<Throwable> disconnects = new CopyOnWriteArrayList<>();
    Mqtt5AsyncClient flooder = client(id, register(id), disconnects).toAsync();
    Flood flood = new Flood(flooder);
    AtomicLong delivered = new AtomicLong();
    Mqtt5AsyncClient watcher = serviceAccountClient("lim-flood-watcher");
    try (LogCapture log = LogCapture.of(DeviceRefusals.class)) {
      fleet.start();
      api.post("/api/device-sets", Fixtures.filterSet("lim-fleet", "fridge", "lim-fleet"));
      await().atMost(Duration.ofSeconds(20)).until(() -> api.onlineIn("lim-fleet") == 10);
      // what the broker lets through, as the service would get it (a PUBACK on its way when the connection ends is lost)
      watcher.connect().join();
      watcher.subscribeWith().topicFilter("fleet/v1/devices/" + id + "/up/#").qos(MqttQos.AT_MOST_ONCE)
          .callback(p -> delivered.incrementAndGet()).send().join();
      flooder.connect().join();
      double refusedBefore = refused("QUOTA_EXCEEDED");
      String job = api.post("/api/jobs", Fixtures.fanSpeedJob("lim-fleet", 4, true)).body().get("id").asText();

      // as fast as it can, until the broker ends the connection: the clock stands still, so no allowance refills and
      // only the number of refused messages can end it, not the 2 s over the rate
      flood.until(disconnects, report("lim-flood"), Duration.ofSeconds(30));

      assertThat(disconnects.get(0)).isInstanceOfSatisfying(Mqtt5DisconnectException.class, e ->
          assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.MESSAGE_RATE_TOO_HIGH));
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> delivered.get() == 200); // its burst, not one more
      // 200 refused end it; those already on their way when it ends are refused too, at most the 500 it keeps in flight
      assertThat(refused("QUOTA_EXCEEDED") - refusedBefore).isBetween(200.0, 700.0);
      await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/jobs/" + job).body().get("status").asText().equals("COMPLETED"));
      assertThat(api.get("/api/jobs/" + job).body().get("counts").get("completed").asLong()).isEqualTo(10);
      assertThat(app.api().text("/prometheus").body()).contains("fleet_device_disconnects_total{reason=\"MESSAGE_RATE_TOO_HIGH\"}");

      // hundreds refused: one line when it started, one summary at the end of the interval
      assertThat(log.lines("'" + id + "'")).hasSizeLessThanOrEqualTo(2);
      clock.advance(Duration.ofSeconds(10));
      await().atMost(Duration.ofSeconds(5)).until(() -> log.lines("'" + id + "'").size() == 2);
      assertThat(log.lines("'" + id + "'").get(0)).contains("QUOTA_EXCEEDED", "over 50 messages/s (bursts of 200)");
      assertThat(log.lines("'" + id + "'").get(1)).contains("QUOTA_EXCEEDED", "disconnected 1 time for its message rate");
    } finally {
      flooder.disconnect().exceptionally(e -> null).join();
      watcher.disconnect().exceptionally(e -> null).join();
      fleet.close();
    }
  }

  @Test
  void aDeviceOverItsRateForTheDisconnectTimeIsDisconnectedThoughFewOfItsMessagesWereRefused() {
    String id = "lim-steady";
    List<Throwable> disconnects = new CopyOnWriteArrayList<>();
    Mqtt5AsyncClient device = client(id, register(id), disconnects).toAsync();
    device.connect().join();
    try {
      Flood flood = new Flood(device);
      flood.send(250, report(id)); // its burst of 200, and 50 refused: not enough to be disconnected for
      assertThat(flood.accepted.get()).isEqualTo(200);
      assertThat(flood.quotaExceeded.get()).isEqualTo(50);
      assertThat(disconnects).isEmpty();

      clock.advance(Duration.ofSeconds(2)); // 100 messages of allowance back; over its rate for 2 s now
      flood.send(100, report(id));
      assertThat(flood.accepted.get()).isEqualTo(300);
      assertThat(disconnects).isEmpty();
      flood.send(1, report(id)); // the first one refused after 2 s over its rate ends the connection
      await().atMost(Duration.ofSeconds(10)).until(() -> !disconnects.isEmpty());
      assertThat(disconnects.get(0)).isInstanceOfSatisfying(Mqtt5DisconnectException.class, e ->
          assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.MESSAGE_RATE_TOO_HIGH));
    } finally {
      device.disconnect().exceptionally(e -> null).join();
    }
  }

  @Test
  void aDeviceDisconnectedForItsRateMayNotConnectAgainUntilItsAllowanceHasRefilled() {
    String id = "lim-again";
    String secret = register(id);
    List<Throwable> disconnects = new CopyOnWriteArrayList<>();
    Mqtt5AsyncClient flooder = client(id, secret, disconnects).toAsync();
    flooder.connect().join();
    new Flood(flooder).until(disconnects, report(id), Duration.ofSeconds(30));
    assertThat(disconnects).isNotEmpty();

    // at once, and 3 s later: its allowance (200 at 50/s) is not back yet
    for (Duration wait : List.of(Duration.ZERO, Duration.ofSeconds(3))) {
      clock.advance(wait);
      Mqtt5BlockingClient again = client(id, secret, new CopyOnWriteArrayList<>());
      assertThatThrownBy(again::connect).as("after %s", wait).isInstanceOfSatisfying(Mqtt5ConnAckException.class, e ->
          assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.QUOTA_EXCEEDED));
    }
    clock.advance(Duration.ofSeconds(1));
    Mqtt5AsyncClient back = client(id, secret, new CopyOnWriteArrayList<>()).toAsync();
    back.connect().join();
    try {
      Flood flood = new Flood(back);
      flood.send(201, report(id));
      assertThat(flood.accepted.get()).isEqualTo(200); // a full burst again, as any device that kept quiet
      assertThat(flood.quotaExceeded.get()).isEqualTo(1);
    } finally {
      back.disconnect().exceptionally(e -> null).join();
    }
  }

  @Test
  void reconnectingDoesNotRefillADevicesAllowance() {
    String id = "lim-refill";
    String secret = register(id);
    Mqtt5AsyncClient device = client(id, secret, new CopyOnWriteArrayList<>()).toAsync();
    device.connect().join();
    Flood flood = new Flood(device);
    flood.send(210, report(id));
    assertThat(flood.accepted.get()).isEqualTo(200);
    device.disconnect().join();

    Mqtt5AsyncClient reconnected = client(id, secret, new CopyOnWriteArrayList<>()).toAsync();
    reconnected.connect().join(); // it was never disconnected for its rate: it may connect
    try {
      Flood after = new Flood(reconnected);
      after.send(1, report(id));
      assertThat(after.quotaExceeded.get()).as("the allowance it used up on its last connection").isEqualTo(1);
      clock.advance(Duration.ofMillis(100));
      after.send(5, report(id)); // 5 messages of allowance back in 100 ms
      assertThat(after.accepted.get()).isEqualTo(5);
    } finally {
      reconnected.disconnect().exceptionally(e -> null).join();
    }
  }

  @Test
  void aFloodOfRefusedMessagesWritesNothingToTheDatabaseAndGetsItsRationOfErrorReplies() throws Exception {
    String id = "lim-nodb";
    Mqtt5BlockingClient device = client(id, register(id), new CopyOnWriteArrayList<>());
    List<String> replies = new CopyOnWriteArrayList<>();
    device.connect();
    try {
      device.toAsync().publishes(MqttGlobalPublishFilter.ALL, p -> replies.add(p.getTopic().toString()));
      device.subscribeWith().topicFilter("fleet/v1/devices/" + id + "/down/#").qos(MqttQos.AT_LEAST_ONCE).send();
      String topic = "fleet/v1/devices/" + id + "/up/execution-update";
      List<byte[]> kinds = List.of(
          "not JSON".getBytes(StandardCharsets.UTF_8),
          "{\"contractVersion\": 1, \"executionId\": \"e1\", \"version\": 1, \"status\": \"NO_SUCH_STATUS\"}".getBytes(StandardCharsets.UTF_8),
          ("{\"contractVersion\": 1, \"executionId\": \"" + UUID.randomUUID() + "\", \"version\": 1, \"status\": \"SUCCEEDED\"}")
              .getBytes(StandardCharsets.UTF_8));
      double before = refused("MALFORMED_JSON") + refused("INVALID_FIELD") + refused("UNKNOWN_EXECUTION");
      Map<String, Long> writesBefore = databaseWrites();
      List<CompletableFuture<?>> acks = new ArrayList<>();
      for (int i = 0; i < 150; i++) { // within its burst: the broker delivers every one to the service
        acks.add(device.toAsync().publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(kinds.get(i % kinds.size())).send());
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();

      await().atMost(Duration.ofSeconds(20)).until(() -> refused("MALFORMED_JSON") + refused("INVALID_FIELD")
          + refused("UNKNOWN_EXECUTION") - before >= 150);
      await().atMost(Duration.ofSeconds(5)).until(() -> replies.size() >= 20);
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> replies.size() == 20);
      // a write per refused message would be 150; the audit event of the registration may land meanwhile
      Map<String, Long> written = new java.util.TreeMap<>();
      databaseWrites().forEach((sql, n) -> {
        if (n > writesBefore.getOrDefault(sql, 0L)) {
          written.put(sql, n - writesBefore.getOrDefault(sql, 0L));
        }
      });
      assertThat(written.values().stream().mapToLong(Long::longValue).sum()).as("statements run: %s", written).isLessThanOrEqualTo(3);
    } finally {
      device.disconnect();
    }
  }

  /** A property report the service would take, as a device's flood: only its rate is wrong. */
  private static byte[] report(String id) {
    return "{\"contractVersion\": 1, \"version\": 1, \"properties\": {\"temperature\": 4.5}}".getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The INSERT, UPDATE, DELETE and MERGE statements the database has run so far, each with how many times (H2's
   * statement statistics, a batch counted row by row), read on a connection of the service's own pool.
   */
  private Map<String, Long> databaseWrites() throws Exception {
    javax.sql.DataSource pool = DelegatingDataSource.unwrapDataSource(app.bean(javax.sql.DataSource.class));
    try (var connection = pool.getConnection();
        var statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT SQL_STATEMENT, EXECUTION_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
      Map<String, Long> writes = new java.util.HashMap<>();
      while (rows.next()) {
        String sql = rows.getString(1).strip();
        String verb = sql.split("\\s", 2)[0].toUpperCase(java.util.Locale.ROOT);
        if (List.of("INSERT", "UPDATE", "DELETE", "MERGE").contains(verb)) {
          writes.merge(sql, rows.getLong(2), Long::sum);
        }
      }
      return writes;
    }
  }

  /** One device's QoS 1 publishes of a property report, counted by what the broker answered. */
  private static final class Flood {
    final Mqtt5AsyncClient device;
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong quotaExceeded = new AtomicLong();

    Flood(Mqtt5AsyncClient device) {
      this.device = device;
    }

    /** {@code count} publishes at once, until each is answered. */
    void send(int count, byte[] payload) {
      String topic = "fleet/v1/devices/" + device.getConfig().getClientIdentifier().orElseThrow() + "/up/properties";
      CompletableFuture<?>[] sent = new CompletableFuture<?>[count];
      for (int i = 0; i < count; i++) {
        sent[i] = publish(topic, payload);
      }
      CompletableFuture.allOf(sent).exceptionally(e -> null).join();
    }

    /** As fast as it can, at most 500 unanswered at once, until the broker ends the connection (or the deadline). */
    void until(List<Throwable> disconnects, byte[] payload, Duration deadline) {
      String topic = "fleet/v1/devices/" + device.getConfig().getClientIdentifier().orElseThrow() + "/up/properties";
      Semaphore inFlight = new Semaphore(500);
      long end = System.nanoTime() + deadline.toNanos();
      while (disconnects.isEmpty() && System.nanoTime() < end) {
        if (inFlight.tryAcquire()) {
          publish(topic, payload).whenComplete((r, e) -> inFlight.release());
        } else {
          Thread.onSpinWait();
        }
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> !disconnects.isEmpty());
    }

    private CompletableFuture<?> publish(String topic, byte[] payload) {
      return device.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send().whenComplete((result, error) -> {
        if (error == null) {
          accepted.incrementAndGet();
        } else if (error instanceof Mqtt5PubAckException e && e.getMqttMessage().getReasonCode() == Mqtt5PubAckReasonCode.QUOTA_EXCEEDED) {
          quotaExceeded.incrementAndGet();
        }
      });
    }
  }

  /** A client signed in with the service's own account, which may read every device's topics. */
  private Mqtt5AsyncClient serviceAccountClient(String clientId) {
    ServiceAccount account = app.bean(ServiceAccount.class);
    return Mqtt5Client.builder().identifier(clientId).serverHost("127.0.0.1").serverPort(port)
        .simpleAuth().username(account.username()).password(account.password().getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
        .buildAsync();
  }

  @Test
  void theServicesOwnAccountIsNotLimited() {
    Mqtt5BlockingClient bench = serviceAccountClient("lim-bench-ping").toBlocking();
    bench.connect();
    try {
      List<CompletableFuture<?>> acks = new ArrayList<>();
      for (int i = 0; i < 1000; i++) { // five times a device's burst, at once: as the bench pings its fleet
        acks.add(bench.toAsync().publishWith().topic("fleet/v1/devices/lim-pinged-" + i + "/bench/ping").qos(MqttQos.AT_LEAST_ONCE)
            .payload(new byte[16]).send());
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join(); // every one acknowledged, none refused
    } finally {
      bench.disconnect();
    }
  }

  /** {@code fleet_device_messages_refused_total{code}} as Prometheus serves it. */
  private double refused(String code) {
    String prefix = "fleet_device_messages_refused_total{code=\"" + code + "\"";
    return app.api().text("/prometheus").body().lines().filter(line -> line.startsWith(prefix))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }

  @Test
  void aPacketOverTheMaximumEndsTheConnectionWithPacketTooLargeAndOneAtTheMaximumPasses() {
    String secret = register("lim-big");
    String topic = "fleet/v1/devices/lim-big/up/properties";
    try (RawMqtt5 device = RawMqtt5.connect(port, "lim-big", "lim-big", secret)) {
      device.publish(topic, reportFilling(topic, MAX_PACKET));
      RawMqtt5.Packet ack = device.next();
      assertThat(ack.type()).isEqualTo(RawMqtt5.Packet.PUBACK);
      assertThat(ack.reasonCode()).isLessThan(0x80);
    }
    try (RawMqtt5 device = RawMqtt5.connect(port, "lim-big", "lim-big", secret)) {
      device.publish(topic, reportFilling(topic, MAX_PACKET + 1));
      RawMqtt5.Packet answer = device.next();
      assertThat(answer.type()).isEqualTo(RawMqtt5.Packet.DISCONNECT);
      assertThat(answer.reasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.PACKET_TOO_LARGE.getCode());
      assertThat(device.closedByBroker()).isTrue();
    }
  }

  @Test
  void theBrokerAnnouncesItsMaximumPacketSoAStockClientRefusesBiggerMessagesItself() {
    Mqtt5BlockingClient device = client("lim-announced", register("lim-announced"), new CopyOnWriteArrayList<>());
    try {
      assertThat(device.connect().getRestrictions().getMaximumPacketSize()).isEqualTo(MAX_PACKET);
      assertThatThrownBy(() -> device.publishWith().topic("fleet/v1/devices/lim-announced/up/properties").qos(MqttQos.AT_LEAST_ONCE)
          .payload(new byte[MAX_PACKET]).send()).hasMessageContaining("maximum packet size");
    } finally {
      device.disconnect();
    }
  }

  @Test
  void aClientIdLongerThanAnyDeviceIdIsRefusedAtConnect() {
    String id = "d".repeat(129);
    Mqtt5BlockingClient client = client(id, "whatever", new CopyOnWriteArrayList<>());
    assertThatThrownBy(client::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class, e ->
        assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID));
  }

  @Test
  void aTopicOverTheMaximumLengthEndsTheConnectionWithTopicNameInvalid() {
    List<Throwable> disconnects = new CopyOnWriteArrayList<>();
    Mqtt5BlockingClient device = client("lim-topic", register("lim-topic"), disconnects);
    device.connect();
    device.toAsync().publishWith().topic("fleet/v1/devices/lim-topic/up/" + "x".repeat(1000)).qos(MqttQos.AT_LEAST_ONCE)
        .payload("{}".getBytes(StandardCharsets.UTF_8)).send();
    await().atMost(Duration.ofSeconds(10)).until(() -> !disconnects.isEmpty());
    assertThat(disconnects.get(0)).isInstanceOfSatisfying(Mqtt5DisconnectException.class, e ->
        assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.TOPIC_NAME_INVALID));
  }
}
