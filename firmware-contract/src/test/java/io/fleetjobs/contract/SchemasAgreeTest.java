package io.fleetjobs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schemas and the Java records accept and refuse the same documents, so a firmware writer who validates
 * against the schemas gets the service's answer; and every example in CONTRACT.md is a valid message of its kind.
 */
class SchemasAgreeTest {

  static List<Examples.Valid> valid() {
    return Examples.valid();
  }

  static List<Examples.Refused> refused() {
    return Examples.refused();
  }

  static List<Class<?>> types() {
    return Examples.types();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void theSchemaAcceptsEveryValidExample(Examples.Valid example) {
    assertThat(SchemaCheck.errors(example.type(), example.json())).as(example.json().toString()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void theSchemaAcceptsWhatTheRecordsEncode(Examples.Valid example) throws IOException {
    Object decoded = ContractJson.decode(example.json().toString().getBytes(StandardCharsets.UTF_8), example.type());
    JsonNode encoded = ContractJson.mapper().readTree(ContractJson.encode(decoded));
    assertThat(SchemaCheck.errors(example.type(), encoded)).as(encoded.toString()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void theSchemaIgnoresUnknownFieldsToo(Examples.Valid example) {
    JsonNode extended = Mutations.withUnknownFields(example.json());
    assertThat(SchemaCheck.errors(example.type(), extended)).as(extended.toString()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void theSchemaRefusesEveryBrokenExample(Examples.Refused example) {
    assertThat(SchemaCheck.accepts(example.type(), example.json())).as(example.json().toString()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void theSchemaRefusesEveryGeneratedBreakage(Class<?> type) {
    SoftAssertions softly = new SoftAssertions();
    for (Examples.Valid example : Examples.valid(type)) {
      List<Mutations.Mutant> mutants = new ArrayList<>(Mutations.missing(type, example.json()));
      mutants.addAll(Mutations.wrongTypes(example.json()));
      mutants.addAll(Mutations.otherVersions(example.json()));
      for (Mutations.Mutant mutant : mutants) {
        softly.assertThat(SchemaCheck.accepts(type, mutant.json())).as(example + ": " + mutant.what()).isFalse();
      }
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void theSchemaAndTheRecordsAgreeOnNullOptionalFields(Examples.Valid example) {
    SoftAssertions softly = new SoftAssertions();
    for (String field : MessagesTest.optionalFields(example.type())) {
      com.fasterxml.jackson.databind.node.ObjectNode nulled = example.json().deepCopy();
      nulled.putNull(field);
      boolean recordAccepts = Verdict.of(example.type(), nulled).accepted();
      softly.assertThat(SchemaCheck.accepts(example.type(), nulled)).as(field + " null").isEqualTo(recordAccepts);
    }
    softly.assertAll();
  }

  private static final Pattern EXAMPLE = Pattern.compile("<!-- example: (\\w+) -->\\s*```json\\s*(.*?)```", Pattern.DOTALL);

  @Test
  void everyExampleInTheContractDocumentIsAValidMessage() throws IOException {
    Map<String, Class<?>> kinds = Examples.types().stream().collect(Collectors.toMap(Class::getSimpleName, Function.identity()));
    Matcher m = EXAMPLE.matcher(Files.readString(Path.of("CONTRACT.md")));
    List<String> seen = new ArrayList<>();
    while (m.find()) {
      Class<?> type = kinds.get(m.group(1));
      assertThat(type).as("unknown example kind " + m.group(1)).isNotNull();
      JsonNode json = ContractJson.mapper().readTree(m.group(2));
      assertThat(SchemaCheck.errors(type, json)).as(m.group(2)).isEmpty();
      assertThat(Verdict.of(type, json)).as(m.group(2)).isEqualTo(Verdict.ACCEPTED);
      seen.add(m.group(1));
    }
    assertThat(seen).as("CONTRACT.md shows an example of every message").containsAll(kinds.keySet());
  }
}
