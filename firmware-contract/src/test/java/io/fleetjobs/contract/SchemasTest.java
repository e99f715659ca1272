package io.fleetjobs.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Schemas} finds a schema for every message, and each schema names the message it describes. */
class SchemasTest {

  static Iterable<Class<?>> types() {
    return Schemas.all().keySet();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void everyMessageHasASchemaOnTheClasspathTitledAfterIt(Class<?> type) throws IOException {
    JsonNode schema = read(Schemas.resource(type));
    String file = Schemas.resource(type).substring(Schemas.FOLDER.length());
    assertThat(schema.path("title").asText()).isEqualTo(type.getSimpleName());
    assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.path("$id").asText()).isEqualTo("https://fleetjobs.io/contract/v1/" + file);
    assertThat(schema.path("additionalProperties").asBoolean()).as("unknown fields are allowed").isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Channel.class)
  void everyChannelCarriesAMessageWithASchema(Channel channel) {
    assertThat(Schemas.resource(channel)).isEqualTo(Schemas.resource(Schemas.messageOf(channel)));
    assertThat(Schemas.all()).containsKey(Schemas.messageOf(channel));
  }

  @Test
  void theSharedDefinitionsAreOnTheClasspathToo() throws IOException {
    assertThat(read(Schemas.DEFS).path("$defs").has("operation")).isTrue();
  }

  @Test
  void theContractErrorSchemaAllowsExactlyTheErrorCodes() throws IOException {
    JsonNode codes = read(Schemas.resource(io.fleetjobs.contract.message.ContractError.class)).path("properties").path("code").path("enum");
    List<String> listed = new ArrayList<>();
    codes.forEach(code -> listed.add(code.asText()));
    assertThat(listed).containsExactlyInAnyOrder(Arrays.stream(ErrorCode.values()).map(Enum::name).toArray(String[]::new));
  }

  @Test
  void aClassThatIsNotAMessageHasNoSchema() {
    assertThatThrownBy(() -> Schemas.resource(String.class)).isInstanceOf(IllegalArgumentException.class);
  }

  private static JsonNode read(String resource) throws IOException {
    try (InputStream in = SchemasTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return ContractJson.mapper().readTree(in);
    }
  }
}
