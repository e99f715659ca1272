package io.fleetjobs.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.app.support.LogCapture;
import io.fleetjobs.app.support.MosquittoBroker;
import io.fleetjobs.contract.message.UpdateStatus;
import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.SimulatedDevice;
import io.fleetjobs.sim.SimulatedFleet;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Debian's mosquitto as the external broker, restarted mid-job as an operator (or an upgrade) would: stopped with
 * SIGTERM, which makes a persistent mosquitto save its sessions, and started again on the same ports with the same
 * configuration and persistence folder. The service's QoS 1 persistent session outlives the restart; the service
 * reconnects by itself with backoff, {@code /health} shows the broker away while it is, and the job ends as if nothing
 * had happened: every device with its one final status, its work done once, the counts those of the rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MosquittoRestartIT {

  @RegisterExtension
  static final MosquittoBroker MOSQUITTO = MosquittoBroker.persistent();

  private static final String SERVICE_PASSWORD = "it-service-" + UUID.randomUUID();
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int DEVICES = 40;

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
    app.api().post("/api/templates", Fixtures.fridgeTemplate("fridge"));
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void aJobThroughMosquittoRestartedMidJobCompletesOnEveryDeviceOnceWhileHealthShowsTheOutage() throws Exception {
    Api api = app.api();
    // answers spread over seconds, so mosquitto goes away with most of the job still to answer
    SimulatedFleet fleet = app.provision(SimulatedFleet.builder().brokerPort(MOSQUITTO.devicePort()).template("fridge")
        .idPrefix("mq-restart-").count(DEVICES).attributes(i -> Map.of("region", "mq-restart"))
        .behaviour(Behaviour.builder().latency(Duration.ofMillis(1_500), Duration.ofMillis(8_000)).seed(7).build())).build();
    try (fleet; LogCapture log = LogCapture.of("io.fleetjobs.app.mqtt")) {
      awaitFilesCurrent();
      fleet.start();
      api.post("/api/device-sets", Fixtures.filterSet("mq-restart", "fridge", "mq-restart"));
      await().atMost(WAIT).until(() -> api.onlineIn("mq-restart") == DEVICES);
      assertThat(mqttHealth(api)).isEqualTo("UP");
      String job = api.post("/api/jobs", Fixtures.fanSpeedJob("mq-restart", 5, true)).body().get("id").asText();
      await("the job under way, its first answers recorded").atMost(WAIT).until(() -> completed(api, job) >= 3);

      long pid = MOSQUITTO.pid();
      Instant down = Instant.now();
      MOSQUITTO.stop();
      long completedAtStop = completed(api, job);
      long answeredAtStop = fleet.stats().succeeded();
      assertThat(completedAtStop).as("completed when mosquitto stopped").isLessThan(DEVICES - 10);
      await("mqtt DOWN on /health while mosquitto is away").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(app.api().get("/health").status()).isEqualTo(503);
        assertThat(mqttHealth(api)).isEqualTo("DOWN");
      });
      // devices go on finishing their work meanwhile: those answers have no broker to go to
      await("answers given while mosquitto is away").atMost(WAIT).until(() -> fleet.stats().succeeded() >= answeredAtStop + 5);
      MOSQUITTO.start();
      Instant up = Instant.now();
      assertThat(MOSQUITTO.pid()).isNotEqualTo(pid);

      await("mqtt UP on /health once mosquitto is back").atMost(WAIT).untilAsserted(() -> {
        assertThat(app.api().get("/health").status()).isEqualTo(200);
        assertThat(mqttHealth(api)).isEqualTo("UP");
      });
      Instant reconnected = Instant.now();
      long attempts = log.all().stream().filter(line -> line.contains("Disconnected from MQTT broker, reconnecting")).count();
      // one for the loss, then one per failed attempt: without a backoff it would be hundreds a second
      assertThat(attempts).as("the service's disconnects and failed reconnects while mosquitto was away for %d ms: %s",
          Duration.between(down, up).toMillis(), log.all()).isBetween(1L, 6L);
      String mosquittoLog = MOSQUITTO.logText();
      assertThat(mosquittoLog).as("mosquitto saved its state when stopped").contains("Saving in-memory database to");
      // mosquitto logs CONNACK's session-present flag first: the service's session came back from the persistence file
      assertThat(mosquittoLog.substring(mosquittoLog.lastIndexOf("Saving in-memory database to")))
          .as("the service's session resumed after the restart")
          .contains("Sending CONNACK to " + app.property("fleet.mqtt.client-id") + " (1, 0)");

      await("the job completed").atMost(WAIT).untilAsserted(() -> {
        JsonNode view = api.get("/api/jobs/" + job).body();
        assertThat(view.get("status").asText()).as(view::toString).isEqualTo("COMPLETED");
      });
      assertExactlyCompleted(api, job);
      for (SimulatedDevice device : fleet.devices()) {
        assertThat(device.applications(job)).as("work of the job done by " + device.id()).isEqualTo(1);
        assertThat(device.reported(job)).as("final status " + device.id() + " reported").isEqualTo(UpdateStatus.SUCCEEDED);
        assertThat(device.settings().get("fanSpeed").asInt()).as(device.id() + "'s fanSpeed").isEqualTo(5);
      }
      assertThat(fleet.stats().reapplications()).isZero();
      assertThat(fleet.stats().snapshot().errorsReceived()).isZero();
      System.out.printf("MosquittoRestartIT: mosquitto away %d ms (SIGTERM, then started again); %d of %d completed at the stop;"
              + " service UP again %d ms after mosquitto; %d disconnect/reconnect warnings; %d executions delivered (%d repeats)%n",
          Duration.between(down, up).toMillis(), completedAtStop, DEVICES, Duration.between(up, reconnected).toMillis(), attempts,
          fleet.stats().executionsReceived(), fleet.stats().snapshot().duplicates());
    }
  }

  /**
   * Waits until mosquitto holds every credential issued so far: a device registered now can sign in only once files
   * written after all earlier changes are loaded.
   */
  private void awaitFilesCurrent() {
    String id = "mq-probe-" + UUID.randomUUID().toString().substring(0, 8);
    Api.Answer registered = app.api().post("/api/devices", Fixtures.device(id, "fridge", "probe"));
    assertThat(registered.status()).isEqualTo(201);
    byte[] secret = registered.body().get("credential").get("secret").asText().getBytes(StandardCharsets.UTF_8);
    await("mosquitto holding the fleet's credentials").atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
        .until(() -> {
          Mqtt5BlockingClient client = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1").serverPort(MOSQUITTO.devicePort())
              .simpleAuth().username(id).password(secret).applySimpleAuth().buildBlocking();
          client.connect();
          client.disconnect();
          return true;
        });
  }

  private static String mqttHealth(Api api) {
    return api.get("/health").body().at("/details/mqtt/status").asText();
  }

  private static long completed(Api api, String job) {
    return api.get("/api/jobs/" + job).body().get("counts").get("completed").asLong();
  }

  /** One execution per device, each COMPLETED, and the job's counts those of the rows. */
  private void assertExactlyCompleted(Api api, String job) {
    Map<String, Long> rows = app.bean(JdbcOperations.class).execute(conn -> {
      Map<String, Long> byStatus = new HashMap<>();
      try (var ps = conn.prepareStatement("SELECT status, COUNT(*) FROM execution WHERE job_id = ? GROUP BY status")) {
        ps.setString(1, job);
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            byStatus.put(rs.getString(1), rs.getLong(2));
          }
        }
      }
      try (var ps = conn.prepareStatement("SELECT COUNT(DISTINCT device_id) FROM execution WHERE job_id = ?")) {
        ps.setString(1, job);
        try (var rs = ps.executeQuery()) {
          rs.next();
          byStatus.put("distinct devices", rs.getLong(1));
        }
      }
      return byStatus;
    });
    JsonNode counts = api.get("/api/jobs/" + job).body().get("counts");
    assertThat(rows).as("executions per status, and devices with one").isEqualTo(Map.of("COMPLETED", (long) DEVICES, "distinct devices", (long) DEVICES));
    assertThat(counts.get("total").asLong()).isEqualTo(DEVICES);
    assertThat(counts.get("completed").asLong()).isEqualTo(rows.get("COMPLETED"));
    assertThat(counts.get("pending").asLong() + counts.get("failed").asLong() + counts.get("canceled").asLong()).isZero();
  }
}
