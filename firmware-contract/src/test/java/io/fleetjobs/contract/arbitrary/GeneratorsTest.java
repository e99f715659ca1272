package io.fleetjobs.contract.arbitrary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.message.ExecutionRequest;
import org.junit.jupiter.api.Test;

/** The generators read what the schema files say, and refuse to guess what they do not understand. */
class GeneratorsTest {

  @Test
  void aSchemaKeywordTheGeneratorsDoNotKnowFailsLoudlyInsteadOfBeingIgnored() throws Exception {
    JsonNode schema = ContractJson.mapper().readTree("{\"type\": \"integer\", \"multipleOf\": 5}");
    assertThatThrownBy(() -> Facets.of(new SchemaFiles.Located(schema, "test.schema.json")))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("multipleOf");
  }

  @Test
  void aPatternTheGeneratorsCannotReadFailsLoudly() throws Exception {
    JsonNode schema = ContractJson.mapper().readTree("{\"type\": \"string\", \"pattern\": \"^(a|b)+$\"}");
    assertThatThrownBy(() -> ValidJson.of(Facets.of(new SchemaFiles.Located(schema, "test.schema.json"))).sample())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theLimitsComeFromTheSchemaFile() {
    // execution-request.schema.json: 1 to 30 operations; the generated breakages include 31 and none
    Facets operations = Facets.of(SchemaFiles.root(ExecutionRequest.class)).property("operations");
    assertThat(operations.minInt("minItems")).isEqualTo(1);
    assertThat(operations.maxInt("maxItems")).isEqualTo(ExecutionRequest.MAX_OPERATIONS);
    assertThat(ContractArbitraries.valid(ExecutionRequest.class).sampleStream().limit(50))
        .allSatisfy(json -> assertThat(json.get("operations").size()).isBetween(1, ExecutionRequest.MAX_OPERATIONS));
  }
}
