package io.fleetjobs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schemas and the Java records accept and refuse the same documents, and every example in CONTRACT.md is
 * a valid message of the kind it says.
 */
class SchemasAgreeTest {

  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
      builder -> builder.schemaMappers(m -> m.mapPrefix("https://fleetjobs.io/contract/v1/", "classpath:" + Schemas.FOLDER)));

  private static JsonSchema schema(Class<?> type) {
    return FACTORY.getSchema(SchemaLocation.of("classpath:" + Schemas.resource(type)));
  }

  private static boolean schemaAccepts(Class<?> type, String json) throws IOException {
    JsonNode node = ContractJson.mapper().readTree(json);
    return schema(type).validate(node).isEmpty();
  }

  static Stream<Examples.Case> cases() {
    return Examples.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theSchemaAcceptsTheValidExampleAndRefusesEachBrokenOne(Examples.Case c) throws IOException {
    assertThat(schemaAccepts(c.type(), c.valid())).as(c.valid()).isTrue();
    for (Examples.Broken broken : c.broken()) {
      assertThat(schemaAccepts(c.type(), broken.json())).as(broken.json()).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void whatTheRecordsEncodeTheSchemaAccepts(Examples.Case c) throws IOException {
    Object decoded = ContractJson.decode(c.valid().getBytes(), c.type());
    assertThat(schemaAccepts(c.type(), new String(ContractJson.encode(decoded)))).isTrue();
  }

  private static final Pattern EXAMPLE = Pattern.compile("<!-- example: (\\w+) -->\\s*```json\\s*(.*?)```", Pattern.DOTALL);
  private static final Map<String, Class<?>> KINDS = Map.of(
      "ExecutionRequest", io.fleetjobs.contract.message.ExecutionRequest.class,
      "ExecutionCancel", io.fleetjobs.contract.message.ExecutionCancel.class,
      "ExecutionUpdate", io.fleetjobs.contract.message.ExecutionUpdate.class,
      "PendingRequest", io.fleetjobs.contract.message.PendingRequest.class,
      "PropertyReport", io.fleetjobs.contract.message.PropertyReport.class,
      "Presence", io.fleetjobs.contract.message.Presence.class,
      "ContractError", io.fleetjobs.contract.message.ContractError.class,
      "PendingExecutions", io.fleetjobs.contract.message.PendingExecutions.class);

  @Test
  void everyExampleInTheContractDocumentIsAValidMessage() throws IOException {
    String doc = Files.readString(Path.of("CONTRACT.md"));
    Matcher m = EXAMPLE.matcher(doc);
    List<String> seen = new ArrayList<>();
    while (m.find()) {
      Class<?> type = KINDS.get(m.group(1));
      assertThat(type).as("unknown example kind " + m.group(1)).isNotNull();
      String json = m.group(2);
      assertThat(schemaAccepts(type, json)).as(json).isTrue();
      ContractJson.decode(json.getBytes(), type);
      seen.add(m.group(1));
    }
    assertThat(seen).as("CONTRACT.md shows an example of every message").containsAll(KINDS.keySet());
  }
}
