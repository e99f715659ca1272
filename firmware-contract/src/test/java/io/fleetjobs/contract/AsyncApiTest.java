package io.fleetjobs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * asyncapi.yaml describes exactly the channels of {@link Topics}, for direct devices (the enrolment channels included)
 * and for gateways' children (which do not enrol), with the messages and schemas of {@link Schemas}, and the ways a
 * device proves who it is as security schemes.
 */
class AsyncApiTest {

  private static JsonNode doc;

  @BeforeAll
  static void read() throws IOException {
    doc = new YAMLMapper().readTree(Files.readString(Path.of("asyncapi.yaml")));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Channel.class)
  void everyChannelIsDescribedWithItsDirectionAndMessage(Channel channel) {
    String name = deviceChannel(channel);
    JsonNode described = doc.path("channels").path(name);
    assertThat(described.isObject()).as(name).isTrue();
    assertThat(described.path("parameters").path("deviceId").path("$ref").asText()).isEqualTo("#/components/parameters/deviceId");
    assertOperation(described, channel);
  }

  static java.util.Set<Channel> childChannels() {
    return Channel.childChannels();
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("childChannels")
  void everyChildChannelHasAGatewayChildChannelWithTheSameDirectionAndMessage(Channel channel) {
    String name = childChannel(channel);
    JsonNode described = doc.path("channels").path(name);
    assertThat(described.isObject()).as(name).isTrue();
    assertThat(described.path("description").asText()).as(name).isNotBlank();
    assertThat(described.path("parameters").path("gatewayId").path("$ref").asText()).isEqualTo("#/components/parameters/gatewayId");
    assertThat(described.path("parameters").path("childId").path("$ref").asText()).isEqualTo("#/components/parameters/childId");
    assertOperation(described, channel);
  }

  @Test
  void gatewayAndChildIdsFollowTheDeviceIdPattern() {
    JsonNode parameters = doc.path("components").path("parameters");
    String pattern = parameters.path("deviceId").path("schema").path("pattern").asText();
    assertThat(pattern).isNotEmpty();
    assertThat(parameters.path("gatewayId").path("schema").path("pattern").asText()).isEqualTo(pattern);
    assertThat(parameters.path("childId").path("schema").path("pattern").asText()).isEqualTo(pattern);
  }

  @Test
  void thereAreNoOtherChannels() {
    List<String> names = new ArrayList<>();
    doc.path("channels").fieldNames().forEachRemaining(names::add);
    List<String> expected = new ArrayList<>();
    for (Channel channel : Channel.values()) {
      expected.add(deviceChannel(channel));
    }
    for (Channel channel : Channel.childChannels()) {
      expected.add(childChannel(channel));
    }
    assertThat(names).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void operationIdsAreUnique() {
    // AsyncAPI requires it, and code generators name methods after them
    List<String> ids = new ArrayList<>();
    doc.path("channels").forEach(channel -> channel.forEach(item -> {
      if (item.has("operationId")) {
        ids.add(item.path("operationId").asText());
      }
    }));
    assertThat(ids).hasSize(Channel.values().length + Channel.childChannels().size()).doesNotHaveDuplicates();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Channel.class)
  void eachMessagePointsAtItsSchemaFileAndItsExampleIsValid(Channel channel) {
    Class<?> type = Schemas.messageOf(channel);
    JsonNode message = doc.path("components").path("messages").path(type.getSimpleName());
    String payload = message.path("payload").path("$ref").asText();
    assertThat(payload).isEqualTo("src/main/resources/" + Schemas.resource(type));
    assertThat(Path.of(payload)).exists();
    assertThat(message.path("examples")).isNotEmpty();
    for (JsonNode example : message.path("examples")) {
      assertThat(SchemaCheck.errors(type, example.path("payload"))).isEmpty();
      assertThat(Verdict.of(type, example.path("payload"))).isEqualTo(Verdict.ACCEPTED);
    }
  }

  @Test
  void theServerDescribesTheLastWill() {
    JsonNode will = doc.path("servers").path("local").path("bindings").path("mqtt").path("lastWill");
    assertThat(will.path("topic").asText()).isEqualTo(Topics.topic("DEVICE", Channel.PRESENCE).replace("DEVICE", "{deviceId}"));
    assertThat(will.path("qos").asInt()).isEqualTo(1);
    assertThat(Verdict.of(io.fleetjobs.contract.message.Presence.class, will.path("message").asText().getBytes()))
        .isEqualTo(Verdict.ACCEPTED);
    List<String> words = Arrays.stream(doc.path("info").path("description").asText().split("\\s+"))
        .map(word -> word.replaceAll("[.,]$", ""))
        .toList();
    assertThat(words).containsAll(Topics.sharedServiceSubscriptions("fleet-jobs"));
  }

  @Test
  void theEnrolmentChannelsSayChildrenDoNotEnrolAndNeedTheEnrolmentScheme() {
    for (Channel channel : new Channel[] {Channel.ENROLMENT_REQUEST, Channel.CREDENTIAL}) {
      JsonNode described = doc.path("channels").path(deviceChannel(channel));
      assertThat(described.path("description").asText()).as(channel.name()).contains("children do not enrol");
      String operation = channel.direction() == Channel.Direction.DOWN ? "subscribe" : "publish";
      assertThat(described.path(operation).path("security")).as(channel.name()).hasSize(1);
      assertThat(described.path(operation).path("security").get(0).has("enrolmentToken")).as(channel.name()).isTrue();
    }
  }

  @Test
  void theSecuritySchemesAreTheDevicesSecretItsCertificateAndAnEnrolmentToken() {
    JsonNode schemes = doc.path("components").path("securitySchemes");
    List<String> names = new ArrayList<>();
    schemes.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyInAnyOrder("deviceSecret", "deviceCertificate", "enrolmentToken");
    assertThat(schemes.path("deviceSecret").path("type").asText()).isEqualTo("userPassword");
    assertThat(schemes.path("deviceCertificate").path("type").asText()).isEqualTo("X509");
    assertThat(schemes.path("enrolmentToken").path("type").asText()).isEqualTo("userPassword");
    assertThat(schemes.path("enrolmentToken").path("description").asText()).contains(Enrolment.USERNAME, Enrolment.TOKEN_PREFIX);
    schemes.forEach(scheme -> assertThat(scheme.path("description").asText()).isNotBlank());
  }

  @Test
  void everyServerAcceptsTheSchemesItsTransportAllows() {
    JsonNode servers = doc.path("servers");
    assertThat(security(servers.path("local"))).containsExactlyInAnyOrder("deviceSecret", "enrolmentToken");
    assertThat(servers.path("tls").path("url").asText()).isEqualTo("mqtts://127.0.0.1:8883");
    assertThat(security(servers.path("tls"))).containsExactlyInAnyOrder("deviceSecret", "deviceCertificate", "enrolmentToken");
  }

  private static List<String> security(JsonNode server) {
    List<String> names = new ArrayList<>();
    server.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(names::add));
    return names;
  }

  private static void assertOperation(JsonNode described, Channel channel) {
    // AsyncAPI 2 speaks for the service: what it publishes, devices "subscribe" to
    String operation = channel.direction() == Channel.Direction.DOWN ? "subscribe" : "publish";
    assertThat(described.has(channel.direction() == Channel.Direction.DOWN ? "publish" : "subscribe")).isFalse();
    assertThat(described.path(operation).path("bindings").path("mqtt").path("qos").asInt()).isEqualTo(1);
    String message = Schemas.messageOf(channel).getSimpleName();
    assertThat(described.path(operation).path("message").path("$ref").asText()).isEqualTo("#/components/messages/" + message);
  }

  private static String deviceChannel(Channel channel) {
    return Topics.topic("DEVICE", channel).replace("DEVICE", "{deviceId}");
  }

  private static String childChannel(Channel channel) {
    return Topics.childTopic("GATEWAY", "CHILD", channel).replace("GATEWAY", "{gatewayId}").replace("CHILD", "{childId}");
  }
}
