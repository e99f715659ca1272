package io.fleetjobs.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetjobs.app.common.Refusal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonProblemsTest {

  private static JsonProblems.Described problemOf(String body) {
    try {
      new ObjectMapper().readTree(body.getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      return JsonProblems.describe(e);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("read: " + body);
  }

  @Test
  void aLoneSurrogateEscapedInAFieldNameNamesTheObjectHoldingIt() {
    JsonProblems.Described high = problemOf("{\"attributes\":{\"ka\\ud800a\":\"v\"}}");
    assertThat(high.field()).isEqualTo("attributes");
    assertThat(high.message()).contains("lone surrogate");
    assertThat(problemOf("{\"a\":{\"k\\udc00\":1}}").field()).isEqualTo("a");
  }

  @Test
  void malformedJsonIsTheBodysFaultWithWhereTheReaderStopped() {
    JsonProblems.Described broken = problemOf("{\"a\": [1, }");
    assertThat(broken.field()).isNull();
    assertThat(broken.message()).startsWith("the body is not valid JSON (line 1, column");
  }

  record Body(Integer count, String name, Boolean run) {}

  private static JsonProblems.Described refusedAs(String body) {
    ObjectMapper strict = StrictJson.strict(new ObjectMapper());
    try {
      strict.readValue(body, Body.class);
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      return JsonProblems.describe(e);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("read: " + body);
  }

  @Test
  void aScalarOfAnotherJsonTypeIsRefusedSayingWhatWasSentAndWhatIsExpected() {
    assertThat(refusedAs("{\"count\": \"soon\"}")).isEqualTo(new JsonProblems.Described("count", "'soon' is not a whole number"));
    assertThat(refusedAs("{\"count\": \"5\"}").message()).isEqualTo("'5' is not a whole number");
    assertThat(refusedAs("{\"name\": 42}")).isEqualTo(new JsonProblems.Described("name", "42 is not a string"));
    assertThat(refusedAs("{\"name\": true}").message()).isEqualTo("true is not a string");
    assertThat(refusedAs("{\"run\": \"true\"}").message()).contains("true or false");
    assertThat(refusedAs("{\"run\": 1}").message()).contains("true or false");
  }

  record Named(String name) {
    Named {
      if (name.isBlank()) {
        throw Refusal.invalid("name", "name is required");
      }
    }
  }

  @Test
  void aRefusalThrownWhileBuildingAValueIsDescribedInItsOwnWords() throws JsonProcessingException {
    try {
      new ObjectMapper().readValue("{\"name\": \" \"}", Named.class);
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      // a foreign exception would read "is not valid"
      assertThat(JsonProblems.describe(e).message()).isEqualTo("name is required");
      return;
    }
    throw new AssertionError("read a blank name");
  }
}
