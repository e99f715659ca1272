package io.fleetjobs.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.fleetjobs.app.limits.DeviceRefusals;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.app.support.LogCapture;
import io.fleetjobs.app.support.TestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With an external broker that limits nothing (the shared test broker: no ACL, no rates), the service applies the
 * per-device message rate itself: a flood is dropped before any work, unanswered, counted and logged once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalBrokerLimitsIT {

  private AppUnderTest app;
  private Api api;

  @BeforeAll
  void start() {
    app = new AppUnderTest(Map.of());
    api = app.api();
    api.post("/api/templates", Fixtures.fridgeTemplate("fridge"));
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @Test
  void aFloodingDeviceIsCutToItsAllowanceByTheServiceWithoutErrorReplies() {
    String id = "ext-flood-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    assertThat(api.post("/api/devices", Fixtures.device(id, "fridge", "ext")).status()).isEqualTo(201);
    Mqtt5AsyncClient device = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1").serverPort(TestBroker.port()).buildAsync();
    List<String> replies = new CopyOnWriteArrayList<>();
    try (LogCapture log = LogCapture.of(DeviceRefusals.class)) {
      device.connect().join();
      device.publishes(MqttGlobalPublishFilter.ALL, p -> replies.add(p.getTopic().toString()));
      device.subscribeWith().topicFilter("fleet/v1/devices/" + id + "/down/#").qos(MqttQos.AT_LEAST_ONCE).send().join();
      double before = throttled();
      long started = System.nanoTime();
      List<CompletableFuture<?>> acks = new ArrayList<>();
      for (int i = 1; i <= 1000; i++) {
        acks.add(device.publishWith().topic("fleet/v1/devices/" + id + "/up/properties").qos(MqttQos.AT_LEAST_ONCE)
            .payload("{\"contractVersion\": 1, \"version\": %d, \"properties\": {\"temperature\": 4.5}}".formatted(i)
                .getBytes(StandardCharsets.UTF_8)).send());
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join(); // the broker took them all

      // the service counts what it drops until the flood has passed through it; then nothing changes any more
      await().atMost(Duration.ofSeconds(30)).until(() -> throttled() - before > 0);
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(new java.util.concurrent.Callable<>() {
        private double last = -1;

        @Override
        public Boolean call() {
          double now = throttled();
          boolean settled = now == last;
          last = now;
          return settled;
        }
      });
      double seconds = (System.nanoTime() - started) / 1e9;
      double dropped = throttled() - before;
      // a burst of 200 and 50 a second while it lasted went through, the rest was dropped
      assertThat(dropped).isGreaterThanOrEqualTo(1000 - 200 - 50 * seconds).isLessThanOrEqualTo(800);
      assertThat(replies).isEmpty();
      assertThat(log.lines("'" + id + "'")).singleElement().asString()
          .contains("QUOTA_EXCEEDED", "over 50 messages/s (bursts of 200), dropped by the service");
    } finally {
      device.disconnect().exceptionally(e -> null).join();
    }
  }

  private double throttled() {
    String prefix = "fleet_device_messages_refused_total{code=\"QUOTA_EXCEEDED\"";
    return api.text("/prometheus").body().lines().filter(line -> line.startsWith(prefix))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }
}
