package io.fleetjobs.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
}
