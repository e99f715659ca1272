package io.fleetjobs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.contract.arbitrary.Broken;
import io.fleetjobs.contract.arbitrary.ContractArbitraries;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Messages generated from the JSON Schema files: the records accept exactly those the schema validator accepts, and
 * refuse every broken one with the code and field the contract gives, as the schema refuses it too.
 */
class GeneratedMessagesTest {

  record Message(Class<?> type, JsonNode json) {
    @Override
    public String toString() {
      return type.getSimpleName() + " " + json;
    }
  }

  @Provide
  Arbitrary<Message> valid() {
    return Arbitraries.of(Examples.types()).flatMap(type -> ContractArbitraries.valid(type).map(json -> new Message(type, json)));
  }

  @Provide
  Arbitrary<Broken> broken() {
    return Arbitraries.of(Examples.types()).flatMap(ContractArbitraries::broken);
  }

  @Property(tries = 500, edgeCases = EdgeCasesMode.NONE) // the generators aim at the edges themselves
  void aGeneratedValidMessageIsAcceptedByTheSchemaAndByTheRecords(@ForAll("valid") Message message) {
    assertThat(SchemaCheck.errors(message.type(), message.json())).as("the schema validator's view").isEmpty();
    assertThat(Verdict.of(message.type(), message.json())).isEqualTo(Verdict.ACCEPTED);
    Object decoded = ContractJson.decode(message.json().toString().getBytes(StandardCharsets.UTF_8), message.type());
    assertThat(ContractJson.decode(ContractJson.encode(decoded), message.type())).isEqualTo(decoded);
  }

  @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
  void aGeneratedBrokenMessageIsRefusedByTheSchemaAndByTheRecordsNamingItsField(@ForAll("broken") Broken broken) {
    if (broken.json() != null) {
      assertThat(SchemaCheck.errors(broken.type(), broken.json())).as("the schema validator's view").isNotEmpty();
    }
    Verdict verdict = Verdict.of(broken.type(), broken.payload());
    assertThat(verdict).isEqualTo(Verdict.refused(broken.expected().code(), broken.expected().field()));
  }
}
