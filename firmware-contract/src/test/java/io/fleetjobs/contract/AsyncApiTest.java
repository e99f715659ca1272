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

/** asyncapi.yaml describes exactly the channels of {@link Topics}, with the messages and schemas of {@link Schemas}. */
class AsyncApiTest {

  private static JsonNode doc;

  @BeforeAll
  static void read() throws IOException {
    doc = new YAMLMapper().readTree(Files.readString(Path.of("asyncapi.yaml")));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Channel.class)
  void everyChannelIsDescribedWithItsDirectionAndMessage(Channel channel) {
    String name = Topics.topic("DEVICE", channel).replace("DEVICE", "{deviceId}");
    JsonNode described = doc.path("channels").path(name);
    assertThat(described.isObject()).as(name).isTrue();
    assertThat(described.path("parameters").has("deviceId")).isTrue();
    // AsyncAPI 2 speaks for the service: what it publishes, devices "subscribe" to
    String operation = channel.direction() == Channel.Direction.DOWN ? "subscribe" : "publish";
    assertThat(described.path(operation).path("bindings").path("mqtt").path("qos").asInt()).isEqualTo(1);
    String message = Schemas.messageOf(channel).getSimpleName();
    assertThat(described.path(operation).path("message").path("$ref").asText()).isEqualTo("#/components/messages/" + message);
  }

  @Test
  void thereAreNoOtherChannels() {
    List<String> names = new ArrayList<>();
    doc.path("channels").fieldNames().forEachRemaining(names::add);
    assertThat(names).hasSize(Channel.values().length);
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
    assertThat(Arrays.asList(doc.path("info").path("description").asText().split("\\s+")))
        .contains(Topics.sharedServiceSubscription("fleet-jobs") + ".");
  }
}
