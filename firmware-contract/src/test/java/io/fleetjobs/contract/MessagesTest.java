package io.fleetjobs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message, decoded by the records: valid examples round-trip, unknown fields are ignored, and every broken form
 * is refused with the code and field a firmware writer needs to fix it.
 */
class MessagesTest {

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
  void aValidMessageSurvivesARoundTrip(Examples.Valid example) {
    Object decoded = decode(example.type(), example.json());
    Object again = ContractJson.decode(ContractJson.encode(decoded), example.type());
    assertThat(again).isEqualTo(decoded);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void unknownFieldsAreIgnoredAtEveryLevel(Examples.Valid example) {
    JsonNode extended = Mutations.withUnknownFields(example.json());
    assertThat(decode(example.type(), extended)).isEqualTo(decode(example.type(), example.json()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void aNullOptionalFieldCountsAsAbsent(Examples.Valid example) {
    SoftAssertions softly = new SoftAssertions();
    for (String field : optionalFields(example.type())) {
      ObjectNode without = example.json().deepCopy();
      without.remove(field);
      ObjectNode nulled = example.json().deepCopy();
      nulled.putNull(field);
      softly.assertThat(Verdict.of(example.type(), nulled)).as(field).isEqualTo(Verdict.of(example.type(), without));
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void aBrokenMessageIsRefusedNamingItsField(Examples.Refused example) {
    assertThat(Verdict.of(example.type(), example.json())).isEqualTo(Verdict.refused(example.code(), example.field()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void aMissingOrNullRequiredFieldIsAMissingField(Class<?> type) {
    assertEachMutant(type, Mutations::missing);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void aValueOfTheWrongJsonTypeIsAWrongTypeNamingItsPath(Class<?> type) {
    assertEachMutant(type, (t, json) -> Mutations.wrongTypes(json));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void anotherContractVersionIsUnsupported(Class<?> type) {
    assertEachMutant(type, (t, json) -> Mutations.otherVersions(json));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void aPayloadThatIsNotAJsonObjectIsMalformed(Class<?> type) {
    SoftAssertions softly = new SoftAssertions();
    String valid = Examples.valid(type).get(0).json().toString();
    for (String bad : new String[] {"", "null", "[]", "42", "\"hello\"", "{\"contractVersion\": 1", valid + " {}", "\u00ff\u00fe"}) {
      softly.assertThat(Verdict.of(type, bad.getBytes(StandardCharsets.ISO_8859_1))).as(bad)
          .isEqualTo(Verdict.refused(ErrorCode.MALFORMED_JSON, null));
    }
    softly.assertAll();
  }

  interface Mutator {
    List<Mutations.Mutant> apply(Class<?> type, JsonNode valid);
  }

  /** Applies {@code mutator} to every valid example of {@code type} and checks each verdict, reporting all misses. */
  static void assertEachMutant(Class<?> type, Mutator mutator) {
    SoftAssertions softly = new SoftAssertions();
    int count = 0;
    for (Examples.Valid example : Examples.valid(type)) {
      for (Mutations.Mutant mutant : mutator.apply(type, example.json())) {
        softly.assertThat(Verdict.of(type, mutant.json())).as(example + ": " + mutant.what()).isEqualTo(mutant.expected());
        count++;
      }
    }
    assertThat(count).as("mutants of " + type.getSimpleName()).isPositive();
    softly.assertAll();
  }

  static List<String> optionalFields(Class<?> type) {
    JsonNode schema = Mutations.schemaDocument(type);
    List<String> required = new ArrayList<>();
    schema.required("required").forEach(n -> required.add(n.asText()));
    List<String> optional = new ArrayList<>();
    schema.required("properties").fieldNames().forEachRemaining(name -> {
      if (!required.contains(name)) {
        optional.add(name);
      }
    });
    return optional;
  }

  private static Object decode(Class<?> type, JsonNode json) {
    return ContractJson.decode(json.toString().getBytes(StandardCharsets.UTF_8), type);
  }
}
