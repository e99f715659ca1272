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
import io.fleetjobs.app.support.RawMqtt5;
import io.fleetjobs.app.support.TestBroker;
import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.SimulatedFleet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * client id and topic, the message rate of a device, and how refused messages are answered and logged. The limits are the defaults of
 * {@code fleet.limits}, except a log interval of 10 s and a disconnect after 2 s over the rate, so that tests need not
 * wait a minute.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceLimitsIT {

  private static final int MAX_PACKET = 262_144;

  private AppUnderTest app;
  private Api api;
  private int port;

  @BeforeAll
  void start() {
    port = TestBroker.freePort();
    app = AppUnderTest.withEmbeddedBroker(port, Map.of(
        "fleet.limits.log-interval", "PT10S",
        "fleet.limits.disconnect-after", "PT2S"));
    api = app.api();
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
        new LimitsConfig(262_144, 128, 1024, 50, 200, 2000, 20_000, Duration.ofSeconds(2), Duration.ofSeconds(10), 20));
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
      await().atMost(Duration.ofSeconds(20)).until(() -> log.lines("'" + id + "'").size() == 2);
      assertThat(log.lines("'" + id + "'").get(1)).contains("149 more messages refused", "149 MALFORMED_JSON",
          "the first of them: MALFORMED_JSON on fleet/v1/devices/" + id + "/up/execution-update", "130 error replies not sent");
    } finally {
      device.disconnect();
    }
  }

  @Test
  void aFloodingDeviceGetsQuotaExceededThenIsDisconnectedWhileAJobOfOtherDevicesCompletesAndIsLoggedOncePerInterval() {
    SimulatedFleet fleet = app.provision(SimulatedFleet.builder().brokerPort(port).template("fridge").idPrefix("lim-fleet-").count(10)
        .attributes(i -> Map.of("region", "lim-fleet")).behaviour(Behaviour.builder().latency(Duration.ofMillis(1), Duration.ofMillis(20)).build()))
        .build();
    String id = "lim-flood";
    List<Throwable> disconnects = new CopyOnWriteArrayList<>();
    Mqtt5AsyncClient flooder = client(id, register(id), disconnects).toAsync();
    AtomicLong accepted = new AtomicLong();
    AtomicLong quotaExceeded = new AtomicLong();
    try (LogCapture log = LogCapture.of(DeviceRefusals.class)) {
      fleet.start();
      api.post("/api/device-sets", Fixtures.filterSet("lim-fleet", "fridge", "lim-fleet"));
      await().atMost(Duration.ofSeconds(20)).until(() -> api.onlineIn("lim-fleet") == 10);
      flooder.connect().join();
      double refusedBefore = refused("QUOTA_EXCEEDED");
      String job = api.post("/api/jobs", Fixtures.fanSpeedJob("lim-fleet", 4, true)).body().get("id").asText();

      // as fast as it can, at most 500 unanswered at once, until the broker ends the connection
      Semaphore inFlight = new Semaphore(500);
      byte[] report = "{\"contractVersion\": 1, \"version\": 1, \"properties\": {\"temperature\": 4.5}}".getBytes(StandardCharsets.UTF_8);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (disconnects.isEmpty() && System.nanoTime() < deadline) {
        inFlight.acquireUninterruptibly();
        flooder.publishWith().topic("fleet/v1/devices/" + id + "/up/properties").qos(MqttQos.AT_LEAST_ONCE).payload(report).send()
            .whenComplete((result, error) -> {
              inFlight.release();
              if (error == null) {
                accepted.incrementAndGet();
              } else if (error instanceof Mqtt5PubAckException e
                  && e.getMqttMessage().getReasonCode() == Mqtt5PubAckReasonCode.QUOTA_EXCEEDED) {
                quotaExceeded.incrementAndGet();
              }
            });
      }

      await().atMost(Duration.ofSeconds(10)).until(() -> !disconnects.isEmpty());
      assertThat(disconnects.get(0)).isInstanceOfSatisfying(Mqtt5DisconnectException.class, e ->
          assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.MESSAGE_RATE_TOO_HIGH));
      // the burst of 200 and about 50 a second after it went through, over the 2 s before the disconnect (and a little)
      assertThat(accepted.get()).isBetween(200L, 200L + 50 * 10);
      assertThat(quotaExceeded.get()).isGreaterThan(accepted.get());
      await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/jobs/" + job).body().get("status").asText().equals("COMPLETED"));
      assertThat(api.get("/api/jobs/" + job).body().get("counts").get("completed").asLong()).isEqualTo(10);
      assertThat(refused("QUOTA_EXCEEDED") - refusedBefore).isGreaterThanOrEqualTo(quotaExceeded.get());
      assertThat(app.api().text("/prometheus").body()).contains("fleet_device_disconnects_total{reason=\"MESSAGE_RATE_TOO_HIGH\"}");

      // thousands refused: one line when it started, one summary at the end of the interval
      assertThat(log.lines("'" + id + "'")).hasSizeLessThanOrEqualTo(2);
      await().atMost(Duration.ofSeconds(20)).until(() -> log.lines("'" + id + "'").size() == 2);
      assertThat(log.lines("'" + id + "'").get(0)).contains("QUOTA_EXCEEDED", "over 50 messages/s (bursts of 200)");
      assertThat(log.lines("'" + id + "'").get(1)).contains("QUOTA_EXCEEDED", "disconnected 1 time for its message rate");
    } finally {
      flooder.disconnect().exceptionally(e -> null).join();
      fleet.close();
    }
  }

  @Test
  void theServicesOwnAccountIsNotLimited() {
    ServiceAccount account = app.bean(ServiceAccount.class);
    Mqtt5BlockingClient bench = Mqtt5Client.builder().identifier("lim-bench-ping").serverHost("127.0.0.1").serverPort(port)
        .simpleAuth().username(account.username()).password(account.password().getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
        .buildBlocking();
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
