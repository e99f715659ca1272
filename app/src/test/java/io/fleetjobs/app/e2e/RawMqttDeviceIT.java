package io.fleetjobs.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.app.support.TestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A device written against the contract's topics and JSON alone, with a stock MQTT client and hand-written payloads,
 * talking to the service's own embedded broker (the default set-up).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RawMqttDeviceIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AppUnderTest app;
  private Api api;
  private int port;
  private Mqtt5BlockingClient device;
  private final List<Map.Entry<String, JsonNode>> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() {
    port = TestBroker.freePort();
    app = AppUnderTest.withEmbeddedBroker(port);
    api = app.api();
    api.post("/api/templates", Fixtures.fridgeTemplate("fridge"));
    // registered by an admin first; the answer holds the device's secret, its MQTT password
    String secret = api.post("/api/devices", Fixtures.device("raw-1", "fridge", "raw")).body().get("credential").get("secret").asText();
    device = Mqtt5Client.builder().identifier("raw-1").serverHost("127.0.0.1").serverPort(port)
        .simpleAuth().username("raw-1").password(secret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
        .willPublish().topic("fleet/v1/devices/raw-1/up/presence").qos(MqttQos.AT_LEAST_ONCE)
        .payload("{\"contractVersion\":1,\"state\":\"OFFLINE\"}".getBytes(StandardCharsets.UTF_8)).applyWillPublish()
        .buildBlocking();
    device.connect();
    device.toAsync().publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL, p -> {
      try {
        received.add(Map.entry(p.getTopic().toString(), JSON.readTree(p.getPayloadAsBytes())));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    device.subscribeWith().topicFilter("fleet/v1/devices/raw-1/down/#").qos(MqttQos.AT_LEAST_ONCE).send();
  }

  @AfterAll
  void stop() {
    device.disconnect();
    app.close();
  }

  private void publish(String channel, String json) {
    device.publishWith().topic("fleet/v1/devices/raw-1/up/" + channel).qos(MqttQos.AT_LEAST_ONCE)
        .payload(json.getBytes(StandardCharsets.UTF_8)).send();
  }

  private JsonNode awaitMessage(String topicSuffix) {
    await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(e -> e.getKey().endsWith(topicSuffix)));
    var message = received.stream().filter(e -> e.getKey().endsWith(topicSuffix)).findFirst().orElseThrow();
    received.remove(message);
    return message.getValue();
  }

  @Test
  void aHandWrittenDeviceWithItsOwnCredentialComesOnlineTakesAJobAndCompletesIt() {
    publish("presence", """
        {"contractVersion": 1, "state": "ONLINE", "template": "fridge", "attributes": {"region": "raw"}}""");
    await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/devices/raw-1").body().get("presence").asText().equals("ONLINE"));
    api.post("/api/device-sets", Fixtures.filterSet("raw", "fridge", "raw"));

    String id = api.post("/api/jobs", Fixtures.fanSpeedJob("raw", 9, true)).body().get("id").asText();
    JsonNode execution = awaitMessage("/down/execution");
    assertThat(execution.get("jobId").asText()).isEqualTo(id);
    assertThat(execution.get("operations").get(0).get("name").asText()).isEqualTo("fanSpeed");
    String executionId = execution.get("executionId").asText();

    // after a reconnect the device asks again and gets the same execution
    publish("pending-request", "{\"contractVersion\": 1}");
    assertThat(awaitMessage("/down/execution").get("executionId").asText()).isEqualTo(executionId);

    // ids are exact strings: its own id in upper case names no execution of the device
    publish("execution-update", """
        {"contractVersion": 1, "executionId": "%s", "status": "SUCCEEDED", "version": 1}""".formatted(executionId.toUpperCase()));
    JsonNode refused = awaitMessage("/down/error");
    assertThat(refused.get("code").asText()).isEqualTo("UNKNOWN_EXECUTION");
    assertThat(api.get("/api/jobs/" + id).body().get("status").asText()).isEqualTo("RUNNING");

    publish("execution-update", """
        {"contractVersion": 1, "executionId": "%s", "status": "SUCCEEDED", "version": 1}""".formatted(executionId));
    await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/jobs/" + id).body().get("status").asText().equals("COMPLETED"));

    // the same answer again (a QoS 1 duplicate) changes nothing and is not an error
    publish("execution-update", """
        {"contractVersion": 1, "executionId": "%s", "status": "SUCCEEDED", "version": 1}""".formatted(executionId));
    publish("properties", "{\"contractVersion\": 1, \"version\": 1, \"properties\": {\"fanSpeed\": 9, \"temperature\": 4.5}}");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      JsonNode device = api.get("/api/devices/raw-1").body();
      assertThat(device.get("reportedProperties").path("fanSpeed").asInt()).as("device %s, messages to it %s", device, received).isEqualTo(9);
    });
    assertThat(received.stream().noneMatch(e -> e.getKey().endsWith("/down/error"))).as("error replies but the upper-case id's").isTrue();
  }

  @Test
  void contractBreakingMessagesAreAnsweredOnTheDevicesErrorTopic() {
    publish("execution-update", "not json at all");
    JsonNode error = awaitMessage("/down/error");
    assertThat(error.get("code").asText()).isEqualTo("MALFORMED_JSON");
    assertThat(error.get("topic").asText()).isEqualTo("fleet/v1/devices/raw-1/up/execution-update");

    publish("execution-update", """
        {"contractVersion": 1, "executionId": "x", "status": "FAILED", "version": 1}""");
    error = awaitMessage("/down/error");
    assertThat(error.get("code").asText()).isEqualTo("MISSING_FIELD");
    assertThat(error.get("field").asText()).isEqualTo("error");

    publish("telemetry", "{}");
    error = awaitMessage("/down/error");
    assertThat(error.get("code").asText()).isEqualTo("UNKNOWN_TOPIC");
    assertThat(error.get("field").asText()).isEqualTo("topic");

    publish("presence", "{\"contractVersion\": 2, \"state\": \"ONLINE\"}");
    assertThat(awaitMessage("/down/error").get("code").asText()).isEqualTo("UNSUPPORTED_VERSION");

    // the service is undisturbed
    assertThat(api.get("/health").body().get("status").asText()).isEqualTo("UP");
  }
}
