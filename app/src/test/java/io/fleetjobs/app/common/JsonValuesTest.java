package io.fleetjobs.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

  // the API's reader keeps decimals as written (StrictJson), so the size of a number survives to the check
  private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private JsonNode read(String json) throws Exception {
    return mapper.readTree(json);
  }

  @Test
  void numbersADevicesFloatHoldsAreAccepted() throws Exception {
    for (String json : new String[] {"0", "0.0", "-0.0", "1.5", "1e300", "4.9e-324", "-2.5e-300", "[1, 2.5, {\"a\": 3.0}]"}) {
      assertThat(JsonValues.problem(read(json))).as(json).isEmpty();
    }
  }

  @Test
  void aNumberTooLargeForAFloatIsRefusedAsNotFinite() throws Exception {
    assertThat(JsonValues.problem(read("1e400"))).contains("must be a finite number");
    assertThat(JsonValues.problem(read("{\"a\": [-1e400]}"))).contains("must be a finite number");
  }

  @Test
  void aNumberThatWouldArriveAsZeroIsRefused() throws Exception {
    assertThat(JsonValues.problem(read("1e-400"))).get().asString().startsWith("must be 0 or a number");
    assertThat(JsonValues.problem(read("[0, -1e-400]"))).isPresent();
  }

  @Test
  void textWithALoneSurrogateIsRefused() throws Exception {
    assertThat(JsonValues.problem(read("\"a\\ud800b\""))).get().asString().contains("lone surrogate");
  }
}
