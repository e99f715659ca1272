package io.fleetjobs.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.app.support.TestBroker;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ErrorCode;
import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.SimulatedFleet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole product at work: the service, a real MQTT broker and simulated devices speaking the firmware contract.
 * Each test gets its own devices (a batch attribute) and a device set filtering on it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobsEndToEndIT {

  private static final Behaviour QUICK = Behaviour.builder().latency(Duration.ofMillis(1), Duration.ofMillis(20)).build();

  private AppUnderTest app;
  private Api api;
  private final List<SimulatedFleet> fleets = new ArrayList<>();

  @BeforeAll
  void startService() {
    // a small window makes "nothing more is sent after a stop" observable with few devices
    app = new AppUnderTest(Map.of("fleet.jobs.max-in-flight", "20"));
    api = app.api();
    assertThat(api.post("/api/templates", Fixtures.fridgeTemplate("fridge")).status()).isEqualTo(201);
  }

  @AfterEach
  void stopDevices() {
    fleets.forEach(SimulatedFleet::close);
    fleets.clear();
  }

  @AfterAll
  void stopService() {
    app.close();
  }

  private SimulatedFleet devices(String batch, int count, Behaviour behaviour, Function<String, Behaviour> perDevice) {
    SimulatedFleet fleet = app.provision(SimulatedFleet.builder()
        .brokerHost("127.0.0.1").brokerPort(TestBroker.port())
        .template("fridge").idPrefix(batch + "-").count(count)
        .attributes(i -> Map.of("batch", batch))
        .behaviour(behaviour).behaviourFor(perDevice))
        .build();
    fleets.add(fleet);
    fleet.start();
    String set = """
        {"id": "%s", "name": "%s", "template": "fridge",
         "conditions": [{"field": "attributes.batch", "operator": "EQ", "value": "%s"}]}
        """.formatted(batch, batch, batch);
    assertThat(api.post("/api/device-sets", set).status()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(30)).until(() -> api.onlineIn(batch) == count);
    return fleet;
  }

  private long total(String path) {
    return api.get(path).body().get("totalItems").asLong();
  }

  private String createJob(String set, int speed, String extra) {
    Api.Answer created = api.post("/api/jobs", """
        {"name": "Fan speed %d", "deviceSetId": "%s", "run": true %s,
         "operations": [{"type": "SETTING", "name": "fanSpeed", "value": %d}]}
        """.formatted(speed, set, extra, speed));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.body().get("id").asText();
  }

  private JsonNode job(String id) {
    return api.get("/api/jobs/" + id).body();
  }

  private JsonNode awaitStatus(String id, String status, Duration within) {
    await().atMost(within).alias("job " + id + " to become " + status)
        .untilAsserted(() -> assertThat(job(id).get("status").asText()).as(() -> job(id).toString()).isEqualTo(status));
    return job(id);
  }

  private JsonNode onlyDevice(String jobId) {
    return api.get("/api/jobs/" + jobId + "/devices").body().get("items").get(0);
  }

  @Test
  void aJobOverAThousandSimulatedDevicesCompletesWithTheRightCounts() {
    SimulatedFleet fleet = devices("big", 1000, QUICK, null);
    String id = createJob("big", 7, "");

    JsonNode done = awaitStatus(id, "COMPLETED", Duration.ofSeconds(60));
    assertThat(done.get("counts").get("total").asLong()).isEqualTo(1000);
    assertThat(done.get("counts").get("completed").asLong()).isEqualTo(1000);
    assertThat(done.get("counts").get("pending").asLong()).isZero();
    assertThat(total("/api/jobs/" + id + "/devices?status=COMPLETED&size=1")).isEqualTo(1000);
    // no row write for sending: inserted at version 0, each execution is written once per update of its device (one
    // progress and the final answer, which records when it was sent), so it ends at version 2
    io.fleetjobs.app.common.Sql sql = app.bean(io.fleetjobs.app.common.Sql.class);
    assertThat(sql.count("SELECT COUNT(*) FROM execution WHERE job_id = ? AND version = 2 AND dispatched_at IS NOT NULL",
        ps -> ps.setString(1, id))).isEqualTo(1000);
    assertThat(fleet.device("big-0042").settings().get("fanSpeed").asInt()).isEqualTo(7);
    await().atMost(Duration.ofSeconds(10)).until(() ->
        api.get("/api/devices/big-0042").body().get("reportedProperties").path("fanSpeed").asInt() == 7);
  }

  @Test
  void mixedFailuresGiveAFailedJobWithEachDevicesReason() {
    Behaviour fails = Behaviour.builder().latency(Duration.ofMillis(1), Duration.ofMillis(5)).failureRate(1.0).build();
    Behaviour rejects = Behaviour.builder().latency(Duration.ofMillis(1), Duration.ofMillis(5)).rejectRate(1.0).build();
    devices("mixed", 10, QUICK, deviceId -> deviceId.endsWith("1") ? fails : deviceId.endsWith("2") ? rejects : null);
    String id = createJob("mixed", 3, "");

    JsonNode done = awaitStatus(id, "FAILED", Duration.ofSeconds(30));
    assertThat(done.get("counts").get("completed").asLong()).isEqualTo(8);
    assertThat(done.get("counts").get("failed").asLong()).isEqualTo(2);
    JsonNode failed = api.get("/api/jobs/" + id + "/devices?status=FAILED").body().get("items");
    assertThat(failed).hasSize(2);
    assertThat(failed.get(0).get("deviceId").asText()).isEqualTo("mixed-0001");
    assertThat(failed.get(0).get("failureReason").asText()).isEqualTo("DEVICE_ERROR");
    assertThat(failed.get(0).get("error").get("code").asText()).isNotBlank();
    assertThat(failed.get(1).get("failureReason").asText()).isEqualTo("REJECTED");
  }

  @Test
  void stoppingMidJobCancelsTheRestAndTheStoppedJobCanOnlyBeCopied() {
    Behaviour slow = Behaviour.builder().latency(Duration.ofMillis(1500), Duration.ofMillis(2500)).build();
    SimulatedFleet fleet = devices("stop", 40, slow, null);
    String id = createJob("stop", 2, "");
    await().atMost(Duration.ofSeconds(10)).until(() -> fleet.stats().executionsReceived() > 0);

    JsonNode stopped = api.post("/api/jobs/" + id + "/stop").body();
    assertThat(stopped.get("status").asText()).isEqualTo("STOPPED");
    assertThat(stopped.get("counts").get("canceled").asLong()).isPositive();
    assertThat(stopped.get("canRun").asBoolean()).isFalse();
    // devices whose execution had not been sent when the stop came never receive it
    List<String> neverSent = new ArrayList<>();
    api.get("/api/jobs/" + id + "/devices?status=CANCELED&size=100").body().get("items").forEach(e -> {
      if (e.get("sentAt").isNull()) {
        neverSent.add(e.get("deviceId").asText());
      }
    });
    assertThat(neverSent).isNotEmpty();
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
        neverSent.stream().allMatch(d -> fleet.device(d).executionsReceived() == 0));
    // devices at work were told to stop
    await().atMost(Duration.ofSeconds(10)).until(() -> fleet.stats().cancelsReceived() > 0);
    assertThat(job(id).get("status").asText()).isEqualTo("STOPPED");

    Api.Answer rerun = api.post("/api/jobs/" + id + "/run");
    assertThat(rerun.status()).isEqualTo(409);

    String copy = api.post("/api/jobs/" + id + "/copy").body().get("id").asText();
    assertThat(api.post("/api/jobs/" + copy + "/run").status()).isEqualTo(200);
    JsonNode copyDone = awaitStatus(copy, "COMPLETED", Duration.ofSeconds(30));
    assertThat(copyDone.get("counts").get("completed").asLong()).isEqualTo(40);
  }

  @Test
  void anOfflineDeviceIsServedWhenItReconnects() {
    SimulatedFleet fleet = devices("offline", 3, QUICK, null);
    fleet.device("offline-0001").disconnect();
    await().atMost(Duration.ofSeconds(10)).until(() ->
        api.get("/api/devices/offline-0001").body().get("presence").asText().equals("OFFLINE"));
    String id = createJob("offline", 4, "");
    await().atMost(Duration.ofSeconds(10)).until(() -> job(id).get("counts").get("completed").asLong() == 2);
    assertThat(job(id).get("status").asText()).isEqualTo("RUNNING");
    assertThat(total("/api/jobs/" + id + "/devices?status=PENDING")).isEqualTo(1);

    fleet.device("offline-0001").connect();
    JsonNode done = awaitStatus(id, "COMPLETED", Duration.ofSeconds(20));
    assertThat(done.get("counts").get("completed").asLong()).isEqualTo(3);
  }

  @Test
  void aSilentDeviceTimesOut() {
    Behaviour silent = Behaviour.builder().silentRate(1.0).build();
    devices("silent", 1, silent, null);
    String id = createJob("silent", 5, ", \"executionTimeoutSeconds\": 1");

    awaitStatus(id, "FAILED", Duration.ofSeconds(15));
    JsonNode device = onlyDevice(id);
    assertThat(device.get("status").asText()).isEqualTo("FAILED");
    assertThat(device.get("failureReason").asText()).isEqualTo("TIMED_OUT");
  }

  @Test
  void aDeviceThatNeverComesOnlineFailsAsNeverDelivered() {
    assertThat(api.post("/api/devices", Fixtures.device("ghost-1", "fridge", "nowhere")).status()).isEqualTo(201);
    assertThat(api.post("/api/device-sets", Fixtures.filterSet("ghosts", "fridge", "nowhere")).status()).isEqualTo(201);
    String id = createJob("ghosts", 1, ", \"deliveryTimeoutSeconds\": 1");

    awaitStatus(id, "FAILED", Duration.ofSeconds(15));
    JsonNode device = onlyDevice(id);
    assertThat(device.get("failureReason").asText()).isEqualTo("NEVER_DELIVERED");
    assertThat(device.get("sentAt").isNull()).isTrue();
  }

  @Test
  void aMalformedDeviceMessageGetsAnErrorReplyAndDisturbsNothingElse() {
    SimulatedFleet fleet = devices("malformed", 5, QUICK, null);
    var device = fleet.device("malformed-0000");
    device.publishRaw(Channel.EXECUTION_UPDATE, "{not json".getBytes());
    device.publishRaw(Channel.EXECUTION_UPDATE, """
        {"contractVersion": 1, "executionId": "e1", "status": "SUCCEEDED", "version": "one"}""".getBytes());
    device.publishRaw(Channel.PROPERTIES, """
        {"contractVersion": 1, "version": 1}""".getBytes());
    await().atMost(Duration.ofSeconds(10)).until(() -> device.errorsReceived().size() == 3);
    assertThat(device.errorsReceived().get(0).code()).isEqualTo(ErrorCode.MALFORMED_JSON);
    assertThat(device.errorsReceived().get(1).code()).isEqualTo(ErrorCode.WRONG_TYPE);
    assertThat(device.errorsReceived().get(1).field()).isEqualTo("version");
    assertThat(device.errorsReceived().get(2).field()).isEqualTo("properties");

    device.publishRaw(Channel.EXECUTION_UPDATE, """
        {"contractVersion": 1, "executionId": "00000000-0000-0000-0000-000000000000", "status": "SUCCEEDED", "version": 1}""".getBytes());
    await().atMost(Duration.ofSeconds(10)).until(() -> device.errorsReceived().size() == 4);
    assertThat(device.errorsReceived().get(3).code()).isEqualTo(ErrorCode.UNKNOWN_EXECUTION);

    String id = createJob("malformed", 6, "");
    JsonNode done = awaitStatus(id, "COMPLETED", Duration.ofSeconds(20));
    assertThat(done.get("counts").get("completed").asLong()).isEqualTo(5);
  }

  @Test
  void theServiceRestartedMidJobLosesNothing() {
    Behaviour steady = Behaviour.builder().latency(Duration.ofMillis(200), Duration.ofMillis(3000)).build();
    SimulatedFleet fleet = devices("restart", 60, steady, null);
    String id = createJob("restart", 8, "");
    await().atMost(Duration.ofSeconds(20)).until(() -> job(id).get("counts").get("completed").asLong() > 0);
    assertThat(job(id).get("counts").get("pending").asLong()).isPositive();

    app.restart();
    api = app.api();

    JsonNode done = awaitStatus(id, "COMPLETED", Duration.ofSeconds(60));
    assertThat(done.get("counts").get("completed").asLong()).isEqualTo(60);
    assertThat(fleet.device("restart-0059").settings().get("fanSpeed").asInt()).isEqualTo(8);
  }
}
