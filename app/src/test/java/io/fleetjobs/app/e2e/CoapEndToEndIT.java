package io.fleetjobs.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.DtlsDevice;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.app.support.Libcoap;
import io.fleetjobs.app.support.TestBroker;
import io.fleetjobs.contract.CoapPaths;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.ErrorCode;
import io.fleetjobs.contract.message.ContractError;
import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.SimulatedDevice;
import io.fleetjobs.sim.SimulatedFleet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Jobs over constrained devices speaking CoAP over DTLS (each with its own credential as pre-shared key), alone and
 * side by side with MQTT devices in one job; plain CoAP is off, as by default.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoapEndToEndIT {

  private static final Behaviour QUICK = Behaviour.builder().latency(Duration.ofMillis(5), Duration.ofMillis(50)).build();

  private AppUnderTest app;
  private Api api;
  private final List<SimulatedFleet> fleets = new ArrayList<>();

  @BeforeAll
  void start() {
    app = new AppUnderTest(Map.of());
    api = app.api();
    assertThat(api.post("/api/templates", Fixtures.fridgeTemplate("fridge")).status()).isEqualTo(201);
  }

  @AfterEach
  void stopDevices() {
    fleets.forEach(SimulatedFleet::close);
    fleets.clear();
  }

  @AfterAll
  void stop() {
    app.close();
  }

  private SimulatedFleet fleet(String prefix, String batch, int count, SimulatedDevice.Protocol protocol, Behaviour behaviour) {
    SimulatedFleet fleet = app.provision(SimulatedFleet.builder().brokerPort(TestBroker.port()).coapPort(app.coapPort()).protocol(protocol)
        .template("fridge").idPrefix(prefix).count(count).attributes(i -> Map.of("batch", batch)).behaviour(behaviour)).build();
    fleets.add(fleet);
    fleet.start();
    return fleet;
  }

  private void set(String batch, int devices) {
    api.post("/api/device-sets", """
        {"id": "%s", "name": "%s", "template": "fridge", "conditions": [{"field": "attributes.batch", "operator": "EQ", "value": "%s"}]}"""
        .formatted(batch, batch, batch));
    await().atMost(Duration.ofSeconds(20)).until(() ->
        api.onlineIn(batch) == devices);
  }

  private JsonNode awaitStatus(String id, String status) {
    await().atMost(Duration.ofSeconds(40)).until(() -> api.get("/api/jobs/" + id).body().get("status").asText().equals(status));
    return api.get("/api/jobs/" + id).body();
  }

  @Test
  void aJobOverAMixedMqttAndCoapFleetCompletesWithEveryDevicesStatus() {
    fleet("mq-", "mixed", 20, SimulatedDevice.Protocol.MQTT, QUICK);
    SimulatedFleet coap = fleet("co-", "mixed", 10, SimulatedDevice.Protocol.COAP,
        QUICK.toBuilder().build());
    set("mixed", 30);
    assertThat(api.get("/api/devices/co-0003").body().get("transport").asText()).isEqualTo("COAP");
    assertThat(api.get("/api/devices/mq-0003").body().get("transport").asText()).isEqualTo("MQTT");

    String id = api.post("/api/jobs", Fixtures.fanSpeedJob("mixed", 6, true)).body().get("id").asText();
    JsonNode done = awaitStatus(id, "COMPLETED");
    assertThat(done.get("counts").get("completed").asLong()).isEqualTo(30);
    assertThat(coap.device("co-0009").settings().get("fanSpeed").asInt()).isEqualTo(6);
    await().atMost(Duration.ofSeconds(10)).until(() ->
        api.get("/api/devices/co-0009").body().get("reportedProperties").path("fanSpeed").asInt() == 6);
  }

  @Test
  void aCoapDeviceThatWasAwayIsServedWhenItReturns() {
    SimulatedFleet coap = fleet("away-", "away", 2, SimulatedDevice.Protocol.COAP, QUICK);
    set("away", 2);
    coap.device("away-0001").disconnect();

    String id = api.post("/api/jobs", Fixtures.fanSpeedJob("away", 3, true)).body().get("id").asText();
    await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/jobs/" + id).body().get("counts").get("completed").asLong() == 1);
    assertThat(api.get("/api/jobs/" + id).body().get("status").asText()).isEqualTo("RUNNING");

    coap.device("away-0001").connect().join();
    assertThat(awaitStatus(id, "COMPLETED").get("counts").get("completed").asLong()).isEqualTo(2);
  }

  @Test
  void aStopReachesObservingCoapDevices() {
    SimulatedFleet coap = fleet("busy-", "busy", 5, SimulatedDevice.Protocol.COAP,
        Behaviour.builder().latency(Duration.ofSeconds(20), Duration.ofSeconds(30)).build());
    set("busy", 5);
    String id = api.post("/api/jobs", Fixtures.fanSpeedJob("busy", 1, true)).body().get("id").asText();
    await().atMost(Duration.ofSeconds(15)).until(() -> coap.stats().executionsReceived() == 5);

    assertThat(api.post("/api/jobs/" + id + "/stop").body().get("counts").get("canceled").asLong()).isEqualTo(5);
    await().atMost(Duration.ofSeconds(15)).until(() -> coap.stats().cancelsReceived() == 5);
    // the devices stopped working: none of them applied the setting
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() ->
        coap.devices().stream().noneMatch(d -> d.settings().containsKey("fanSpeed")));
    assertThat(api.get("/api/jobs/" + id).body().get("status").asText()).isEqualTo("STOPPED");
  }

  @Test
  void largeOperationsReachACoapDeviceBlockWise() {
    SimulatedFleet coap = fleet("big-", "bigops", 1, SimulatedDevice.Protocol.COAP, QUICK);
    set("bigops", 1);
    String label = "x".repeat(200);
    String operations = IntStream.range(0, 30)
        .mapToObj(i -> "{\"type\": \"PROPERTY\", \"name\": \"label\", \"value\": \"" + label + i + "\"}")
        .collect(Collectors.joining(", "));
    String id = api.post("/api/jobs", """
        {"name": "labels", "deviceSetId": "bigops", "run": true, "operations": [%s]}""".formatted(operations)).body().get("id").asText();
    awaitStatus(id, "COMPLETED");
    assertThat(coap.device("big-0000").settings().get("label").asText()).isEqualTo(label + 29);
  }

  /** Registers a CoAP device through the API, as an admin would; returns its secret, its DTLS key. */
  private String register(String id, String batch) {
    Api.Answer answer = api.post("/api/devices", """
        {"id": "%s", "template": "fridge", "transport": "COAP", "attributes": {"batch": "%s"}}""".formatted(id, batch));
    assertThat(answer.status()).isEqualTo(201);
    return answer.body().get("credential").get("secret").asText();
  }

  @Test
  void malformedCoapRequestsAreAnswered400NamingTheFieldAndDisturbNothing() {
    fleet("ok-", "undisturbed", 3, SimulatedDevice.Protocol.COAP, QUICK);
    set("undisturbed", 3);
    try (DtlsDevice hand = new DtlsDevice("hand-bad", register("hand-bad", "elsewhere"), app.coapPort(), 5_000)) {
      CoapResponse notJson = hand.post(CoapPaths.path("hand-bad", CoapPaths.Resource.PRESENCE), "{nope");
      assertThat(notJson.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
      assertThat(ContractJson.decode(notJson.getPayload(), ContractError.class).code()).isEqualTo(ErrorCode.MALFORMED_JSON);

      CoapResponse wrongType = hand.post(CoapPaths.path("hand-bad", CoapPaths.Resource.EXECUTION_UPDATE), """
          {"contractVersion": 1, "executionId": "e1", "status": "SUCCEEDED", "version": "one"}""");
      assertThat(wrongType.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
      ContractError error = ContractJson.decode(wrongType.getPayload(), ContractError.class);
      assertThat(error.code()).isEqualTo(ErrorCode.WRONG_TYPE);
      assertThat(error.field()).isEqualTo("version");
      assertThat(error.topic()).as("over CoAP, the resource's path").isEqualTo("/" + CoapPaths.path("hand-bad", CoapPaths.Resource.EXECUTION_UPDATE));

      CoapResponse badLifetime = hand.post(CoapPaths.path("hand-bad", CoapPaths.Resource.PRESENCE) + "?lifetime=soon", """
          {"contractVersion": 1, "state": "ONLINE"}""");
      assertThat(badLifetime.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
      assertThat(ContractJson.decode(badLifetime.getPayload(), ContractError.class).field()).isEqualTo("lifetime");

      CoapResponse unknownExecution = hand.get(CoapPaths.execution("hand-bad", "00000000-0000-0000-0000-000000000000"));
      assertThat(unknownExecution.getCode()).isEqualTo(ResponseCode.NOT_FOUND);
      ContractError unknown = ContractJson.decode(unknownExecution.getPayload(), ContractError.class);
      assertThat(unknown.code()).isEqualTo(ErrorCode.UNKNOWN_EXECUTION);
      assertThat(unknown.topic()).startsWith("/" + CoapPaths.path("hand-bad", CoapPaths.Resource.PENDING).replace("/pending", "/"));
    }

    String id = api.post("/api/jobs", Fixtures.fanSpeedJob("undisturbed", 2, true)).body().get("id").asText();
    assertThat(awaitStatus(id, "COMPLETED").get("counts").get("completed").asLong()).isEqualTo(3);
  }

  @Test
  void aCoapDeviceThatStopsRefreshingItsPresenceGoesOffline() {
    try (DtlsDevice device = new DtlsDevice("lapse-1", register("lapse-1", "lapse"), app.coapPort(), 5_000)) {
      CoapResponse born = device.post(CoapPaths.path("lapse-1", CoapPaths.Resource.PRESENCE) + "?lifetime=1",
          "{\"contractVersion\": 1, \"state\": \"ONLINE\", \"template\": \"fridge\"}");
      assertThat(born.getCode()).isEqualTo(ResponseCode.CREATED); // it observes nothing: told to
      assertThat(api.get("/api/devices/lapse-1").body().get("presence").asText()).isEqualTo("ONLINE");
      await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/devices/lapse-1").body().get("presence").asText().equals("OFFLINE"));
      assertThat(device.post(CoapPaths.path("lapse-1", CoapPaths.Resource.PRESENCE), "{\"contractVersion\": 1, \"state\": \"ONLINE\"}").getCode())
          .isEqualTo(ResponseCode.CREATED);
    }
  }

  /**
   * CONTRACT.md §12: a presence is answered 2.01 while the service holds no observation of the device's
   * {@code pending} resource (it must observe), 2.04 while it does; answers of {@code pending} carry the Max-Age
   * after which a device without a fresh notification observes again.
   */
  @Test
  void aPresenceIsAnswered201WhileTheServiceHoldsNoObservationOfTheDeviceAnd204WhileItDoes() {
    String presence = "{\"contractVersion\": 1, \"state\": \"ONLINE\", \"template\": \"fridge\"}";
    try (DtlsDevice device = new DtlsDevice("obs-1", register("obs-1", "obs"), app.coapPort(), 5_000)) {
      assertThat(device.post(CoapPaths.path("obs-1", CoapPaths.Resource.PRESENCE), presence).getCode()).isEqualTo(ResponseCode.CREATED);

      List<CoapResponse> notifications = new java.util.concurrent.CopyOnWriteArrayList<>();
      var observation = device.observe(CoapPaths.path("obs-1", CoapPaths.Resource.PENDING), notifications::add);
      await().atMost(Duration.ofSeconds(5)).until(() -> !notifications.isEmpty());
      assertThat(notifications.get(0).getOptions().hasObserve()).isTrue();
      assertThat(notifications.get(0).getOptions().getMaxAge()).isEqualTo(300); // fleet.coap.observe.max-age's default
      assertThat(device.post(CoapPaths.path("obs-1", CoapPaths.Resource.PRESENCE), presence).getCode()).isEqualTo(ResponseCode.CHANGED);

      observation.proactiveCancel();
      await().atMost(Duration.ofSeconds(5)).until(() ->
          device.post(CoapPaths.path("obs-1", CoapPaths.Resource.PRESENCE), presence).getCode() == ResponseCode.CREATED);
    }
  }

  /**
   * Work for a CoAP device that is online but observes nothing here (as after a restart of the service) is not
   * counted as sent, so it cannot time out unseen; the device gets it in the first answer once it observes.
   */
  @Test
  void workForAnOnlineCoapDeviceThatObservesNothingWaitsUnsentUntilItObserves() {
    try (DtlsDevice device = new DtlsDevice("unseen-1", register("unseen-1", "unseen"), app.coapPort(), 5_000)) {
      device.post(CoapPaths.path("unseen-1", CoapPaths.Resource.PRESENCE), "{\"contractVersion\": 1, \"state\": \"ONLINE\", \"template\": \"fridge\"}");
      set("unseen", 1);
      String id = api.post("/api/jobs", """
          {"name": "unseen", "deviceSetId": "unseen", "executionTimeoutSeconds": 1,
           "operations": [{"type": "SETTING", "name": "fanSpeed", "value": 2}], "run": true}""").body().get("id").asText();
      // a sent execution would fail as TIMED_OUT a second after sending; this one is not sent while unobserved
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> {
        JsonNode execution = api.get("/api/jobs/" + id + "/devices").body().get("items").get(0);
        return execution.get("status").asText().equals("PENDING") && !execution.hasNonNull("sentAt");
      });

      CoapResponse first = device.get(CoapPaths.path("unseen-1", CoapPaths.Resource.PENDING));
      assertThat(first.getResponseText()).contains(id);
      assertThat(api.get("/api/jobs/" + id + "/devices").body().get("items").get(0).hasNonNull("sentAt")).isTrue();
    }
  }

  /**
   * The contract's acceptance: libcoap's stock client, driven as CONTRACT.md shows, acts as a device over DTLS (PSK:
   * {@code -u} its device id, {@code -k} its secret) through a whole job. With both of libcoap's DTLS back ends.
   */
  @ParameterizedTest(name = "coap-client-{0}")
  @ValueSource(strings = {"openssl", "gnutls"})
  void libcoapsCoapClientActsAsADeviceOverDtlsThroughAWholeJob(String backend) throws Exception {
    Libcoap client = Libcoap.client(backend);
    String id = "libcoap-" + backend;
    String batch = "libcoap-" + backend;
    String secret = register(id, batch);
    String device = "coaps://127.0.0.1:" + app.coapPort() + "/fleet/v1/devices/" + id;
    // -v 6 shows each message: 2.01, the service holds no observation of the device (CONTRACT.md §12)
    assertThat(client.run("-v", "6", "-u", id, "-k", secret, "-m", "post", "-t", "50", "-e",
        "{\"contractVersion\":1,\"state\":\"ONLINE\",\"template\":\"fridge\",\"attributes\":{\"batch\":\"" + batch + "\"}}",
        device + "/presence?lifetime=600")).contains("c:2.01");
    assertThat(client.run("-v", "6", "-u", id, "-k", secret, "-m", "get", device + "/pending")).contains("Max-Age:300");
    set(batch, 1);
    String job = api.post("/api/jobs", Fixtures.fanSpeedJob(batch, 5, true)).body().get("id").asText();

    ObjectMapper json = new ObjectMapper();
    JsonNode pending = json.readTree(client.run("-u", id, "-k", secret, "-m", "get", device + "/pending"));
    String executionId = pending.get("executions").get(0).get("executionId").asText();
    JsonNode execution = json.readTree(client.run("-u", id, "-k", secret, "-m", "get", device + "/executions/" + executionId));
    assertThat(execution.get("operations").get(0).get("name").asText()).isEqualTo("fanSpeed");
    client.run("-u", id, "-k", secret, "-m", "post", "-t", "50", "-e",
        "{\"contractVersion\":1,\"executionId\":\"" + executionId + "\",\"status\":\"SUCCEEDED\",\"version\":1}",
        device + "/execution-update");

    assertThat(awaitStatus(job, "COMPLETED").get("counts").get("completed").asLong()).isEqualTo(1);
    assertThat(client.run("-u", id, "-k", secret, "-m", "post", "-t", "50", "-e", "{\"contractVersion\":1,\"status\":\"DONE\"}",
        device + "/execution-update")).contains("4.00").contains("\"field\":\"status\"");
    // the wrong key gets no answer at all: the handshake fails
    assertThat(client.runWaiting(3, "-u", id, "-k", "not-the-secret-not-the-secret-00", "-m", "get", device + "/pending"))
        .doesNotContain("executions");
  }
}
