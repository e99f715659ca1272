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
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.app.support.TestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A gateway written from the contract alone (a stock MQTT client, hand-written JSON) acting for its child devices over
 * its one connection, against the service and its embedded broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHILDREN = 5;

  private AppUnderTest app;
  private Api api;
  private int port;
  /** Each gateway's secret, from its registration: a gateway is a device with its own credential. */
  private final Map<String, String> secrets = new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeAll
  void start() {
    port = TestBroker.freePort();
    app = AppUnderTest.withEmbeddedBroker(port);
    api = app.api();
    api.post("/api/templates", Fixtures.fridgeTemplate("fridge"));
    api.post("/api/templates", Fixtures.fridgeTemplate("gateway"));
  }

  @AfterAll
  void stop() {
    app.close();
  }

  /** A hand-written gateway: its own device topics plus its children's, one connection. */
  private final class Gateway implements AutoCloseable {
    final String id;
    final Mqtt5BlockingClient client;
    final List<Map.Entry<String, JsonNode>> received = new CopyOnWriteArrayList<>();

    Gateway(String id) {
      this.id = id;
      String secret = secrets.computeIfAbsent(id, g ->
          api.post("/api/devices", Fixtures.device(g, "gateway", "gw")).body().get("credential").get("secret").asText());
      client = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1").serverPort(port)
          .simpleAuth().username(id).password(bytes(secret)).applySimpleAuth()
          .willPublish().topic("fleet/v1/devices/" + id + "/up/presence").qos(MqttQos.AT_LEAST_ONCE)
          .payload(bytes("{\"contractVersion\":1,\"state\":\"OFFLINE\"}")).applyWillPublish()
          .buildBlocking();
      client.connect();
      client.toAsync().publishes(MqttGlobalPublishFilter.ALL, p -> {
        try {
          received.add(Map.entry(p.getTopic().toString(), JSON.readTree(p.getPayloadAsBytes())));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      client.subscribeWith().topicFilter("fleet/v1/devices/" + id + "/down/#").qos(MqttQos.AT_LEAST_ONCE).send();
      client.subscribeWith().topicFilter("fleet/v1/gateways/" + id + "/devices/+/down/#").qos(MqttQos.AT_LEAST_ONCE).send();
      publish("fleet/v1/devices/" + id + "/up/presence", """
          {"contractVersion": 1, "state": "ONLINE", "template": "gateway"}""");
    }

    void announce(String child, String region) {
      forChild(child, "presence", """
          {"contractVersion": 1, "state": "ONLINE", "template": "fridge", "attributes": {"region": "%s"}}""".formatted(region));
    }

    void forChild(String child, String channel, String json) {
      publish("fleet/v1/gateways/" + id + "/devices/" + child + "/up/" + channel, json);
    }

    void publish(String topic, String json) {
      client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes(json)).send();
    }

    List<Map.Entry<String, JsonNode>> awaitAll(String topicSuffix, int count) {
      await().atMost(Duration.ofSeconds(15)).until(() -> received.stream().filter(e -> e.getKey().endsWith(topicSuffix)).count() >= count);
      List<Map.Entry<String, JsonNode>> found = new ArrayList<>(received.stream().filter(e -> e.getKey().endsWith(topicSuffix)).toList());
      received.removeAll(found);
      return found;
    }

    @Override
    public void close() {
      if (client.getState().isConnected()) {
        client.disconnect();
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String child(String gateway, int i) {
    return gateway + "-child-" + i;
  }

  /** Registers children under their gateway, as an admin does before the gateway announces them. */
  private void registerChildren(String gateway, String region, String... children) {
    String body = java.util.Arrays.stream(children)
        .map(c -> "{\"id\": \"%s\", \"template\": \"fridge\", \"gatewayId\": \"%s\", \"attributes\": {\"region\": \"%s\"}}"
            .formatted(c, gateway, region))
        .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    Api.Answer answer = api.post("/api/devices/bulk", body);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
  }

  @Test
  void aJobOverAGatewaysChildrenGoesOutThroughTheGatewayAndRecordsEachChildsResult() {
    try (Gateway gateway = new Gateway("gw-a")) {
      String[] children = java.util.stream.IntStream.range(0, CHILDREN).mapToObj(i -> child("gw-a", i)).toArray(String[]::new);
      registerChildren("gw-a", "gw-a", children);
      for (String c : children) {
        gateway.announce(c, "gw-a");
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> presence(child("gw-a", CHILDREN - 1)).equals("ONLINE"));
      JsonNode registered = api.get("/api/devices/" + child("gw-a", 0)).body();
      assertThat(registered.get("gatewayId").asText()).isEqualTo("gw-a");
      assertThat(registered.get("credential").isNull()).as("a child has no credential of its own").isTrue();
      assertThat(registered.get("presence").asText()).isEqualTo("ONLINE");
      assertThat(api.get("/api/devices/gw-a").body().get("gatewayId").isNull()).isTrue();

      api.post("/api/device-sets", Fixtures.filterSet("gw-a-children", "fridge", "gw-a"));
      String job = api.post("/api/jobs", Fixtures.fanSpeedJob("gw-a-children", 4, true)).body().get("id").asText();

      // each child's execution arrives on the child's topic under the gateway, through the gateway's one connection
      List<Map.Entry<String, JsonNode>> executions = gateway.awaitAll("/down/execution", CHILDREN);
      assertThat(executions).extracting(Map.Entry::getKey).allMatch(t -> t.startsWith("fleet/v1/gateways/gw-a/devices/gw-a-child-"));
      for (int i = 0; i < executions.size(); i++) {
        String topic = executions.get(i).getKey();
        String childId = topic.split("/")[5];
        String executionId = executions.get(i).getValue().get("executionId").asText();
        boolean fail = childId.equals(child("gw-a", 0));
        gateway.forChild(childId, "execution-update", fail
            ? """
              {"contractVersion": 1, "executionId": "%s", "status": "FAILED", "version": 1,
               "error": {"code": "FAN_JAMMED", "message": "fan jammed"}}""".formatted(executionId)
            : """
              {"contractVersion": 1, "executionId": "%s", "status": "SUCCEEDED", "version": 1}""".formatted(executionId));
        gateway.forChild(childId, "properties", "{\"contractVersion\": 1, \"version\": 1, \"properties\": {\"fanSpeed\": 4}}");
      }

      await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/api/jobs/" + job).body().get("status").asText().equals("FAILED"));
      JsonNode counts = api.get("/api/jobs/" + job).body().get("counts");
      assertThat(counts.get("completed").asInt()).isEqualTo(CHILDREN - 1);
      assertThat(counts.get("failed").asInt()).isEqualTo(1);
      JsonNode failed = api.get("/api/jobs/" + job + "/devices?status=FAILED").body().get("items").get(0);
      assertThat(failed.get("deviceId").asText()).isEqualTo(child("gw-a", 0));
      assertThat(failed.get("error").get("code").asText()).isEqualTo("FAN_JAMMED");
      await().atMost(Duration.ofSeconds(10)).until(() ->
          api.get("/api/devices/" + child("gw-a", 1)).body().get("reportedProperties").path("fanSpeed").asInt() == 4);
      assertThat(gateway.received).noneMatch(e -> e.getKey().endsWith("/down/error"));
    }
  }

  @Test
  void whenAGatewaysConnectionDropsItsChildrenGoOfflineAndComeBackWhenItAnnouncesThem() {
    Gateway gateway = new Gateway("gw-b");
    registerChildren("gw-b", "gw-b", "gw-b-child");
    gateway.announce("gw-b-child", "gw-b");
    await().atMost(Duration.ofSeconds(10)).until(() -> presence("gw-b-child").equals("ONLINE"));

    // an ungraceful drop: the broker publishes the gateway's last will
    gateway.client.disconnectWith().reasonCode(com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send();
    await().atMost(Duration.ofSeconds(10)).until(() -> presence("gw-b").equals("OFFLINE") && presence("gw-b-child").equals("OFFLINE"));

    try (Gateway again = new Gateway("gw-b")) {
      again.announce("gw-b-child", "gw-b");
      await().atMost(Duration.ofSeconds(10)).until(() -> presence("gw-b-child").equals("ONLINE"));
    }
  }

  @Test
  void aGatewayThatSpeaksForADeviceNotItsChildIsRefusedOnThatChildsErrorTopic() {
    api.post("/api/devices", Fixtures.device("direct-1", "fridge", "north"));
    try (Gateway owner = new Gateway("gw-owner"); Gateway intruder = new Gateway("gw-intruder")) {
      assertThat(api.post("/api/devices", """
          {"id": "owned-1", "template": "fridge", "gatewayId": "gw-owner"}""").status()).isEqualTo(201);

      intruder.announce("owned-1", "stolen");
      JsonNode error = intruder.awaitAll("/down/error", 1).get(0).getValue();
      assertThat(error.get("code").asText()).isEqualTo("NOT_A_CHILD");
      assertThat(error.get("topic").asText()).isEqualTo("fleet/v1/gateways/gw-intruder/devices/owned-1/up/presence");
      assertThat(api.get("/api/devices/owned-1").body().get("gatewayId").asText()).isEqualTo("gw-owner");

      intruder.forChild("direct-1", "pending-request", "{\"contractVersion\": 1}");
      List<Map.Entry<String, JsonNode>> errors = intruder.awaitAll("/down/error", 1);
      assertThat(errors.get(0).getKey()).isEqualTo("fleet/v1/gateways/gw-intruder/devices/direct-1/down/error");
      assertThat(errors.get(0).getValue().get("code").asText()).isEqualTo("NOT_A_CHILD");

      // the owner may speak for its child; the child may not connect on its own as if it were direct
      owner.announce("owned-1", "north");
      await().atMost(Duration.ofSeconds(10)).until(() -> presence("owned-1").equals("ONLINE"));
      var own = Mqtt5Client.builder().identifier("owned-1").serverHost("127.0.0.1").serverPort(port).buildBlocking();
      assertThatThrownBy(own::connect).isInstanceOf(com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException.class)
          .hasMessageContaining("NOT_AUTHORIZED");
      assertThat(api.get("/health").body().get("status").asText()).isEqualTo("UP");
    }
  }

  @Test
  void contractBreakingMessagesForAChildAreAnsweredOnThatChildsErrorTopicUnderTheGateway() {
    try (Gateway gateway = new Gateway("gw-bad")) {

      gateway.forChild("kid-1", "presence", "not json");
      Map.Entry<String, JsonNode> error = gateway.awaitAll("/down/error", 1).get(0);
      assertThat(error.getKey()).isEqualTo("fleet/v1/gateways/gw-bad/devices/kid-1/down/error");
      assertThat(error.getValue().get("code").asText()).isEqualTo("MALFORMED_JSON");

      gateway.forChild("kid-1", "presence", """
          {"contractVersion": 1, "state": "ONLINE", "template": "no-such-template"}""");
      error = gateway.awaitAll("/down/error", 1).get(0);
      // registration is an admin's: a gateway cannot register children by announcing them
      assertThat(error.getValue().get("code").asText()).isEqualTo("UNKNOWN_DEVICE");
      assertThat(api.get("/api/devices/kid-1").status()).isEqualTo(404);

      gateway.forChild("kid-1", "telemetry", "{}");
      error = gateway.awaitAll("/down/error", 1).get(0);
      assertThat(error.getKey()).isEqualTo("fleet/v1/gateways/gw-bad/devices/kid-1/down/error");
      assertThat(error.getValue().get("code").asText()).isEqualTo("UNKNOWN_TOPIC");

      // the gateway is undisturbed: once registered, the child comes online when announced
      registerChildren("gw-bad", "gw-bad", "kid-1");
      gateway.announce("kid-1", "gw-bad");
      await().atMost(Duration.ofSeconds(10)).until(() -> presence("kid-1").equals("ONLINE"));
    }
  }

  @Test
  void theApiRegistersChildrenOnlyUnderAGatewayThatIsARegisteredDevice() {
    Api.Answer missing = api.post("/api/devices", """
        {"id": "orphan-1", "template": "fridge", "gatewayId": "no-such-gateway"}""");
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.body().get("errors").get(0).get("field").asText()).isEqualTo("gatewayId");

    Api.Answer coap = api.post("/api/devices", """
        {"id": "orphan-2", "template": "fridge", "gatewayId": "direct-2", "transport": "COAP"}""");
    assertThat(coap.status()).isEqualTo(422);
  }

  private String presence(String deviceId) {
    return api.get("/api/devices/" + deviceId).body().path("presence").asText();
  }
}
