package io.fleetjobs.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every payload: round trip, unknown fields ignored, and each broken form refused naming its field. */
class MessagesTest {

  static Stream<Examples.Case> cases() {
    return Examples.all().stream();
  }

  static Stream<Object[]> broken() {
    return Examples.all().stream().flatMap(c -> c.broken().stream().map(b -> new Object[] {c.type().getSimpleName(), c.type(), b}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aValidMessageSurvivesARoundTrip(Examples.Case c) {
    Object decoded = ContractJson.decode(c.valid().getBytes(), c.type());
    Object again = ContractJson.decode(ContractJson.encode(decoded), c.type());
    assertThat(again).isEqualTo(decoded);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void unknownFieldsAreIgnored(Examples.Case c) throws Exception {
    ObjectNode withExtra = (ObjectNode) ContractJson.mapper().readTree(c.valid());
    withExtra.put("firmwareBuild", "2026.11").putObject("vendor").put("x", 1);
    Object decoded = ContractJson.decode(ContractJson.mapper().writeValueAsBytes(withExtra), c.type());
    assertThat(decoded).isEqualTo(ContractJson.decode(c.valid().getBytes(), c.type()));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("broken")
  void aBrokenMessageIsRefusedNamingItsField(String name, Class<?> type, Examples.Broken broken) {
    assertThatThrownBy(() -> ContractJson.decode(broken.json().getBytes(), type))
        .isInstanceOfSatisfying(ContractViolation.class, v -> {
          assertThat(v.code()).as(v.getMessage()).isEqualTo(broken.code());
          assertThat(v.field()).as(v.getMessage()).isEqualTo(broken.field());
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void somethingThatIsNotAnObjectIsMalformed(Examples.Case c) {
    for (String bad : new String[] {"", "[]", "42", "{\"contractVersion\": 1", "null"}) {
      assertThatThrownBy(() -> ContractJson.decode(bad.getBytes(), c.type()))
          .as(bad)
          .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.code()).isIn(ErrorCode.MALFORMED_JSON, ErrorCode.MISSING_FIELD));
    }
  }
}
