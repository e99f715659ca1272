package io.fleetjobs.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.app.support.TestBroker;
import io.fleetjobs.contract.CoapPaths;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.ErrorCode;
import io.fleetjobs.contract.message.ContractError;
import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.SimulatedDevice;
import io.fleetjobs.sim.SimulatedFleet;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;

/** Jobs over constrained devices speaking CoAP, alone and side by side with MQTT devices in one job. */
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

  @Test
  void malformedCoapRequestsAreAnswered400NamingTheFieldAndDisturbNothing() {
    fleet("ok-", "undisturbed", 3, SimulatedDevice.Protocol.COAP, QUICK);
    set("undisturbed", 3);
    String base = "coap://127.0.0.1:" + app.coapPort() + "/";

    CoapResponse notJson = post(base + CoapPaths.path("bad-1", CoapPaths.Resource.PRESENCE), "{nope");
    assertThat(notJson.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
    assertThat(ContractJson.decode(notJson.getPayload(), ContractError.class).code()).isEqualTo(ErrorCode.MALFORMED_JSON);

    CoapResponse wrongType = post(base + CoapPaths.path("ok-0000", CoapPaths.Resource.EXECUTION_UPDATE), """
        {"contractVersion": 1, "executionId": "e1", "status": "SUCCEEDED", "version": "one"}""");
    assertThat(wrongType.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
    ContractError error = ContractJson.decode(wrongType.getPayload(), ContractError.class);
    assertThat(error.code()).isEqualTo(ErrorCode.WRONG_TYPE);
    assertThat(error.field()).isEqualTo("version");

    CoapResponse badLifetime = post(base + CoapPaths.path("ok-0000", CoapPaths.Resource.PRESENCE) + "?lifetime=soon", """
        {"contractVersion": 1, "state": "ONLINE"}""");
    assertThat(badLifetime.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
    assertThat(ContractJson.decode(badLifetime.getPayload(), ContractError.class).field()).isEqualTo("lifetime");

    CoapResponse unknownExecution = get(base + CoapPaths.execution("ok-0000", "00000000-0000-0000-0000-000000000000"));
    assertThat(unknownExecution.getCode()).isEqualTo(ResponseCode.NOT_FOUND);

    String id = api.post("/api/jobs", Fixtures.fanSpeedJob("undisturbed", 2, true)).body().get("id").asText();
    assertThat(awaitStatus(id, "COMPLETED").get("counts").get("completed").asLong()).isEqualTo(3);
  }

  @Test
  void aCoapDeviceThatStopsRefreshingItsPresenceGoesOffline() {
    String base = "coap://127.0.0.1:" + app.coapPort() + "/";
    api.post("/api/devices", "{\"id\": \"lapse-1\", \"template\": \"fridge\", \"transport\": \"COAP\"}");
    CoapResponse born = post(base + CoapPaths.path("lapse-1", CoapPaths.Resource.PRESENCE) + "?lifetime=1",
        "{\"contractVersion\": 1, \"state\": \"ONLINE\", \"template\": \"fridge\"}");
    assertThat(born.getCode()).isEqualTo(ResponseCode.CHANGED);
    assertThat(api.get("/api/devices/lapse-1").body().get("presence").asText()).isEqualTo("ONLINE");
    await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/devices/lapse-1").body().get("presence").asText().equals("OFFLINE"));
    assertThat(post(base + CoapPaths.path("lapse-1", CoapPaths.Resource.PRESENCE), "{\"contractVersion\": 1, \"state\": \"ONLINE\"}").getCode())
        .isEqualTo(ResponseCode.CHANGED);
  }

  /** The contract's acceptance: libcoap's stock client, driven as CONTRACT.md shows, acts as a device through a job. */
  @Test
  @EnabledIf("libcoapInstalled")
  void libcoapsCoapClientActsAsADeviceThroughAWholeJob() throws Exception {
    String device = "coap://127.0.0.1:" + app.coapPort() + "/fleet/v1/devices/libcoap-1";
    api.post("/api/devices", "{\"id\": \"libcoap-1\", \"template\": \"fridge\", \"transport\": \"COAP\", \"attributes\": {\"batch\": \"libcoap\"}}");
    assertThat(coapClient("-m", "post", "-t", "50", "-e",
        "{\"contractVersion\":1,\"state\":\"ONLINE\",\"template\":\"fridge\",\"attributes\":{\"batch\":\"libcoap\"}}",
        device + "/presence?lifetime=600")).doesNotContain("4.");
    set("libcoap", 1);
    String id = api.post("/api/jobs", Fixtures.fanSpeedJob("libcoap", 5, true)).body().get("id").asText();

    ObjectMapper json = new ObjectMapper();
    JsonNode pending = json.readTree(coapClient("-m", "get", device + "/pending"));
    String executionId = pending.get("executions").get(0).get("executionId").asText();
    JsonNode execution = json.readTree(coapClient("-m", "get", device + "/executions/" + executionId));
    assertThat(execution.get("operations").get(0).get("name").asText()).isEqualTo("fanSpeed");
    coapClient("-m", "post", "-t", "50", "-e",
        "{\"contractVersion\":1,\"executionId\":\"" + executionId + "\",\"status\":\"SUCCEEDED\",\"version\":1}",
        device + "/execution-update");

    assertThat(awaitStatus(id, "COMPLETED").get("counts").get("completed").asLong()).isEqualTo(1);
    assertThat(coapClient("-m", "post", "-t", "50", "-e", "{\"contractVersion\":1,\"status\":\"DONE\"}", device + "/execution-update"))
        .contains("4.00").contains("\"field\":\"status\"");
  }

  static boolean libcoapInstalled() {
    return new File(COAP_CLIENT).canExecute();
  }

  private static final String COAP_CLIENT = "/usr/bin/coap-client-notls";

  private static String coapClient(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(COAP_CLIENT, "-B", "10"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("coap-client finished").isTrue();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
  }

  private static CoapResponse post(String uri, String json) {
    try {
      CoapClient client = new CoapClient(uri).setTimeout(5_000L);
      CoapResponse response = client.post(json.getBytes(StandardCharsets.UTF_8), CoapPaths.JSON);
      client.shutdown();
      return response;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static CoapResponse get(String uri) {
    try {
      CoapClient client = new CoapClient(uri).setTimeout(5_000L);
      CoapResponse response = client.get();
      client.shutdown();
      return response;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
