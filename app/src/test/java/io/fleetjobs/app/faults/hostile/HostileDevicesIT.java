package io.fleetjobs.app.faults.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.app.limits.DeviceRefusals;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.DtlsDevice;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.app.support.LogCapture;
import io.fleetjobs.app.support.TestBroker;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.SimulatedDevice;
import io.fleetjobs.sim.SimulatedFleet;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile devices (issue 10): registered devices with their own credentials, over MQTT and CoAP with DTLS, send a
 * stream generated from the contract's JSON Schemas (every kind of breakage: malformed, truncated, not UTF-8, wrong
 * types, missing and invalid fields, other versions), oversized bodies, unknown topics, updates of executions that do
 * not exist or are another device's, and duplicated, reordered and stale updates of their own real executions, while
 * simulated devices run a real job. Every message must be answered as CONTRACT.md §10 and §12 say, counted in
 * {@code fleet_device_messages_refused_total}, and cost the service no crash, no stall, no growing heap and no flood
 * of log lines. The stream comes from one seed, printed; {@code -Dhostile.seed=...} replays it.
 *
 * <p>Every refusal is answered here ({@code fleet.limits.error-replies} raised): that replies are rationed is
 * {@code DeviceLimitsIT}'s; CoAP's request rate is raised for the same reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileDevicesIT {

  private static final int MQTT_HOSTILES = 3;
  private static final int COAP_HOSTILES = 2;
  private static final int MQTT_SHOTS = 120; // within a device's burst of 200: the broker delivers them all
  private static final int COAP_SHOTS = 80;
  private static final int REAL_MQTT = 20;
  private static final int REAL_COAP = 6;
  private static final long HEAP_GROWTH_LIMIT = 64L * 1024 * 1024;

  private AppUnderTest app;
  private Api api;
  private int port;
  private SimulatedFleet realMqtt;
  private SimulatedFleet realCoap;
  private final List<MqttHostile> mqttHostiles = new ArrayList<>();
  private final List<CoapHostile> coapHostiles = new ArrayList<>();

  @BeforeAll
  void start() {
    port = TestBroker.freePort();
    app = AppUnderTest.withEmbeddedBroker(port, Map.of(
        "fleet.limits.error-replies", "100000",
        "fleet.coap.limits.requests-per-second", "100000",
        "fleet.coap.limits.burst", "100000"));
    api = app.api();
    assertThat(api.post("/api/templates", Fixtures.fridgeTemplate("fridge")).status()).isEqualTo(201);
  }

  @AfterAll
  void stop() {
    mqttHostiles.forEach(MqttHostile::close);
    coapHostiles.forEach(CoapHostile::close);
    if (realMqtt != null) {
      realMqtt.close();
      realCoap.close();
    }
    app.close();
  }

  private String register(String id, String region, String transport) {
    Api.Answer answer = api.post("/api/devices",
        "{\"id\": \"%s\", \"template\": \"fridge\", \"transport\": \"%s\", \"attributes\": {\"region\": \"%s\"}}".formatted(id, transport, region));
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
    return answer.body().get("credential").get("secret").asText();
  }

  private SimulatedFleet realFleet(String prefix, int count, SimulatedDevice.Protocol protocol) {
    Behaviour slow = Behaviour.builder().latency(Duration.ofSeconds(3), Duration.ofSeconds(8)).progressUpdates(true).build();
    SimulatedFleet fleet = app.provision(SimulatedFleet.builder().brokerPort(port).coapPort(app.coapPort()).protocol(protocol)
        .template("fridge").idPrefix(prefix).count(count).attributes(i -> Map.of("region", "hostile-real")).behaviour(slow)).build();
    fleet.start();
    return fleet;
  }

  private JsonNode job(String id) {
    return api.get("/api/jobs/" + id).body();
  }

  /** The hostile devices, and the real fleet, all online in their device sets. */
  private void connectEveryone() {
    for (int i = 1; i <= MQTT_HOSTILES; i++) {
      String id = "hostile-mq-" + i;
      mqttHostiles.add(new MqttHostile(id, register(id, "hostile-mqtt", "MQTT"), port).connect());
    }
    for (int i = 1; i <= COAP_HOSTILES; i++) {
      String id = "hostile-co-" + i;
      coapHostiles.add(new CoapHostile(id, new DtlsDevice(id, register(id, "hostile-coap", "COAP"), app.coapPort(), 10_000)));
    }
    realMqtt = realFleet("hostile-real-mq-", REAL_MQTT, SimulatedDevice.Protocol.MQTT);
    realCoap = realFleet("hostile-real-co-", REAL_COAP, SimulatedDevice.Protocol.COAP);
    api.post("/api/device-sets", Fixtures.filterSet("hostile-mqtt", "fridge", "hostile-mqtt"));
    api.post("/api/device-sets", Fixtures.filterSet("hostile-real", "fridge", "hostile-real"));
    await().atMost(Duration.ofSeconds(30)).until(() -> api.onlineIn("hostile-mqtt") == MQTT_HOSTILES);
    await().atMost(Duration.ofSeconds(30)).until(() -> api.onlineIn("hostile-real") == REAL_MQTT + REAL_COAP);
  }

  /**
   * The hostile MQTT devices' own job, answered out of order and more than once: final first, then an older progress,
   * the final again, an older failure. Versions decide (CONTRACT.md §7): nothing of it is an error, the first final counts.
   */
  private String ownJobAnsweredOutOfOrder() {
    String own = api.post("/api/jobs", Fixtures.fanSpeedJob("hostile-mqtt", 2, true)).body().get("id").asText();
    for (MqttHostile hostile : mqttHostiles) {
      await().atMost(Duration.ofSeconds(20)).until(() -> hostile.executionOf(own) != null);
      String execution = hostile.executionOf(own);
      hostile.send(Channel.EXECUTION_UPDATE, update(execution, "SUCCEEDED", 2, ""));
      hostile.send(Channel.EXECUTION_UPDATE, update(execution, "IN_PROGRESS", 1, ""));
      hostile.send(Channel.EXECUTION_UPDATE, update(execution, "SUCCEEDED", 2, ""));
      hostile.send(Channel.EXECUTION_UPDATE, update(execution, "SUCCEEDED", 2, ""));
      hostile.send(Channel.EXECUTION_UPDATE, update(execution, "FAILED", 1, ",\"error\":{\"code\":\"LATE\",\"message\":\"older\"}"));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> job(own).get("status").asText().equals("COMPLETED"));
    assertThat(counts(own)).containsEntry("completed", (long) MQTT_HOSTILES).containsEntry("failed", 0L);
    assertThat(mqttHostiles).allSatisfy(h -> assertThat(h.errors).as("errors for repeats and reorders").isEmpty());
    return own;
  }

  /** A job of the hostile MQTT devices stopped while they held its work unanswered: all canceled, for now. */
  private String jobStoppedWhileHeld() {
    String stopped = api.post("/api/jobs", Fixtures.fanSpeedJob("hostile-mqtt", 3, true)).body().get("id").asText();
    for (MqttHostile hostile : mqttHostiles) {
      await().atMost(Duration.ofSeconds(20)).until(() -> hostile.executionOf(stopped) != null);
    }
    assertThat(api.post("/api/jobs/" + stopped + "/stop").body().get("counts").get("canceled").asLong()).isEqualTo(MQTT_HOSTILES);
    return stopped;
  }

  /** Each hostile MQTT device's execution of {@code job}, by device id. */
  private Map<String, String> executionsOf(String job) {
    return mqttHostiles.stream().collect(Collectors.toMap(h -> h.id, h -> h.executionOf(job)));
  }

  @Test
  void aGeneratedHostileStreamOverMqttAndCoapIsAnsweredAsTheContractSaysWhileARealJobKeepsExactCounts() throws Exception {
    long seed = Long.getLong("hostile.seed", System.nanoTime());
    System.out.println("HostileDevicesIT seed: " + seed + " (replay with -Dhostile.seed=" + seed + ")");

    connectEveryone();
    String own = ownJobAnsweredOutOfOrder();
    Map<String, String> ownExecution = executionsOf(own);
    String stopped = jobStoppedWhileHeld();
    Map<String, String> stoppedExecution = executionsOf(stopped);
    List<String> allExecutions = new ArrayList<>(ownExecution.values());
    allExecutions.addAll(stoppedExecution.values());

    HostileStream stream = new HostileStream(seed);
    Map<MqttHostile, List<Shot>> mqttShots = new java.util.LinkedHashMap<>();
    for (MqttHostile hostile : mqttHostiles) {
      List<String> others = allExecutions.stream()
          .filter(e -> !e.equals(ownExecution.get(hostile.id)) && !e.equals(stoppedExecution.get(hostile.id))).toList();
      mqttShots.put(hostile, stream.mqtt(MQTT_SHOTS, List.of(ownExecution.get(hostile.id)), List.of(stoppedExecution.get(hostile.id)), others));
    }
    Map<CoapHostile, List<Shot>> coapShots = new java.util.LinkedHashMap<>();
    for (CoapHostile hostile : coapHostiles) {
      coapShots.put(hostile, stream.coap(COAP_SHOTS, allExecutions));
    }

    System.out.println("HostileDevicesIT: the stream by kind " + java.util.stream.Stream.concat(mqttShots.values().stream(), coapShots.values().stream())
        .flatMap(List::stream).collect(Collectors.groupingBy(shot -> shot.label().split(" \\(|,")[0], TreeMap::new, Collectors.counting())));

    long heapBefore = heapAfterGc();
    Map<String, Double> refusedBefore = refused();
    String real = api.post("/api/jobs", Fixtures.fanSpeedJob("hostile-real", 7, true)).body().get("id").asText();

    List<String> mismatches;
    try (LogCapture log = LogCapture.of("io.fleetjobs"); LogCapture refusalLog = LogCapture.of(DeviceRefusals.class)) {
      ExecutorService senders = Executors.newFixedThreadPool(MQTT_HOSTILES + COAP_HOSTILES);
      long started = System.nanoTime();
      List<CompletableFuture<List<String>>> sent = new ArrayList<>();
      mqttShots.forEach((hostile, shots) -> sent.add(CompletableFuture.supplyAsync(() -> {
        shots.forEach(hostile::send);
        return List.of();
      }, senders)));
      coapShots.forEach((hostile, shots) -> sent.add(CompletableFuture.supplyAsync(() -> hostile.sendAll(shots), senders)));
      mismatches = sent.stream().flatMap(f -> f.join().stream()).toList();
      senders.shutdown();
      assertThat(job(real).get("status").asText()).as("the real job ran all along").isEqualTo("RUNNING");
      System.out.printf("HostileDevicesIT: %d MQTT and %d CoAP hostile messages sent in %d ms%n", MQTT_HOSTILES * MQTT_SHOTS,
          COAP_HOSTILES * COAP_SHOTS, (System.nanoTime() - started) / 1_000_000);

      // MQTT: each device's error replies are exactly the refusals the contract predicts, topic, code and field
      for (Map.Entry<MqttHostile, List<Shot>> entry : mqttShots.entrySet()) {
        MqttHostile hostile = entry.getKey();
        List<String> expected = entry.getValue().stream().filter(s -> !s.expected().accepted())
            .map(s -> hostile.topicOf(s) + " " + s.expected()).sorted().toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> hostile.errors.size() >= expected.size());
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> hostile.errors.size() == expected.size());
        List<String> answered = hostile.errors.stream()
            .map(e -> e.topic() + " " + e.code() + (e.field() == null ? "" : " " + e.field())).sorted().toList();
        assertThat(answered).as("error replies to %s (seed %d); sent:%n%s", hostile.id, seed,
            entry.getValue().stream().map(Shot::toString).collect(Collectors.joining("\n"))).isEqualTo(expected);
      }
      // CoAP: each request answered with its response code and ContractError
      assertThat(mismatches).as("CoAP answers not as the contract says (seed %d)", seed).isEmpty();

      // counted: by code, every refusal of both transports, no more
      Map<String, Long> expectedByCode = new TreeMap<>();
      mqttShots.values().stream().flatMap(List::stream).filter(s -> !s.expected().accepted())
          .forEach(s -> expectedByCode.merge(s.expected().code().name(), 1L, Long::sum));
      coapShots.values().stream().flatMap(List::stream).filter(s -> !s.oversized() && !s.expected().accepted())
          .forEach(s -> expectedByCode.merge(s.expected().code().name(), 1L, Long::sum));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(refusedSince(refusedBefore)).isEqualTo(expectedByCode));

      // the real job, beside it all: every device one final status, the totals add up
      await().atMost(Duration.ofSeconds(60)).until(() -> job(real).get("status").asText().equals("COMPLETED"));
      int fleet = REAL_MQTT + REAL_COAP;
      assertThat(counts(real)).containsEntry("completed", (long) fleet).containsEntry("failed", 0L).containsEntry("canceled", 0L);
      assertThat(realMqtt.stats().applications() + realCoap.stats().applications()).isEqualTo(fleet);
      assertThat(counts(own)).as("the stale updates changed nothing").containsEntry("completed", (long) MQTT_HOSTILES).containsEntry("failed", 0L);
      Map<String, Long> late = new TreeMap<>(Map.of("canceled", 0L, "completed", 0L, "failed", 0L));
      mqttShots.forEach((hostile, shots) -> late.merge(LateAnswers.outcome(shots, stoppedExecution.get(hostile.id)), 1L, Long::sum));
      System.out.println("HostileDevicesIT: the stopped job after late answers " + late);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(counts(stopped)).as("the stopped job after late answers")
          .containsAllEntriesOf(late));

      // not flooded: one line per refusing device (summaries come per minute), no error at all
      List<String> hostileIds = java.util.stream.Stream.concat(mqttHostiles.stream().map(h -> h.id), coapHostiles.stream().map(h -> h.id)).toList();
      for (String id : hostileIds) {
        assertThat(refusalLog.lines("'" + id + "'")).as("log lines about %s", id).hasSizeLessThanOrEqualTo(2);
      }
      assertThat(log.all()).as("the service's warnings and errors").noneMatch(line -> line.startsWith("ERROR"))
          .hasSizeLessThanOrEqualTo(4 * (MQTT_HOSTILES + COAP_HOSTILES));
      System.out.printf("HostileDevicesIT: %d log lines at WARN or above%n", log.all().size());
    }

    long heapAfter = heapAfterGc();
    System.out.printf("HostileDevicesIT: heap after GC %d MB before the stream, %d MB after%n", heapBefore >> 20, heapAfter >> 20);
    assertThat(heapAfter - heapBefore).as("heap growth after GC").isLessThan(HEAP_GROWTH_LIMIT);
  }

  @Test
  void aCoapUpdateOfAnUnknownExecutionIsCountedAsARefusedMessageAsOverMqtt() {
    String id = "hostile-co-counted";
    try (DtlsDevice device = new DtlsDevice(id, register(id, "hostile-counted", "COAP"), app.coapPort(), 10_000)) {
      double before = refused().getOrDefault("UNKNOWN_EXECUTION", 0.0);
      var answer = device.post(io.fleetjobs.contract.CoapPaths.path(id, io.fleetjobs.contract.CoapPaths.Resource.EXECUTION_UPDATE),
          update("no-such-execution", "SUCCEEDED", 1, ""));
      assertThat(answer.getCode()).isEqualTo(org.eclipse.californium.core.coap.CoAP.ResponseCode.NOT_FOUND);
      // the engine refuses it after the decoder let it through: it was answered, but never counted
      await().atMost(Duration.ofSeconds(5)).until(() -> refused().getOrDefault("UNKNOWN_EXECUTION", 0.0) - before == 1.0);
    }
  }

  private static String update(String execution, String status, long version, String more) {
    return "{\"contractVersion\":1,\"executionId\":\"%s\",\"status\":\"%s\",\"version\":%d%s}".formatted(execution, status, version, more);
  }

  private Map<String, Long> counts(String job) {
    Map<String, Long> counts = new TreeMap<>();
    job(job).get("counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
    return counts;
  }

  /** {@code fleet_device_messages_refused_total} by code, as Prometheus serves it. */
  private Map<String, Double> refused() {
    Map<String, Double> values = new TreeMap<>();
    app.api().text("/prometheus").body().lines().filter(line -> line.startsWith("fleet_device_messages_refused_total{")).forEach(line -> {
      int at = line.indexOf("code=\"") + 6;
      values.merge(line.substring(at, line.indexOf('"', at)), Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
    });
    return values;
  }

  private Map<String, Long> refusedSince(Map<String, Double> before) {
    Map<String, Long> since = new TreeMap<>();
    refused().forEach((code, value) -> {
      long delta = Math.round(value - before.getOrDefault(code, 0.0));
      if (delta != 0) {
        since.put(code, delta);
      }
    });
    return since;
  }

  /** The heap in use once a full collection has run (this JVM holds the service, the broker and the devices). */
  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
