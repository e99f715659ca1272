package io.fleetjobs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The limits table of CONTRACT.md, at each boundary: the records and the schemas both allow it, and refuse one more. */
class LimitsTest {

  private static final String OPERATION = "{\"type\": \"SETTING\", \"name\": \"fanSpeed\", \"value\": 1}";

  static Stream<Arguments> limits() {
    return Stream.of(
        limit("operations per execution", io.fleetjobs.contract.message.ExecutionRequest.class, "operations",
            request(repeat(OPERATION, 30), "e-1"), request(repeat(OPERATION, 31), "e-1")),
        limit("id length", io.fleetjobs.contract.message.ExecutionRequest.class, "executionId",
            request(OPERATION, "e".repeat(128)), request(OPERATION, "e".repeat(129))),
        limit("name length", io.fleetjobs.contract.message.ExecutionRequest.class, "operations[0].name",
            request(OPERATION.replace("fanSpeed", "n".repeat(64)), "e-1"),
            request(OPERATION.replace("fanSpeed", "n".repeat(65)), "e-1")),
        limit("error code length", io.fleetjobs.contract.message.ExecutionUpdate.class, "error.code",
            failed("c".repeat(64), "m"), failed("c".repeat(65), "m")),
        limit("error message length", io.fleetjobs.contract.message.ExecutionUpdate.class, "error.message",
            failed("C", "m".repeat(1024)), failed("C", "m".repeat(1025))),
        limit("attribute value length", io.fleetjobs.contract.message.Presence.class, "attributes.region",
            presence("r".repeat(256)), presence("r".repeat(257))),
        limit("enrolment name length", io.fleetjobs.contract.message.EnrolmentRequest.class, "name",
            "{\"contractVersion\": 1, \"name\": \"%s\"}".formatted("n".repeat(200)),
            "{\"contractVersion\": 1, \"name\": \"%s\"}".formatted("n".repeat(201))),
        limit("secret length", io.fleetjobs.contract.message.Credential.class, "secret", credential("s".repeat(256)),
            credential("s".repeat(257))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("limits")
  void bothTheRecordsAndTheSchemasAllowTheLimitAndRefuseOneMore(String what, Class<?> type, String field, String atLimit, String over)
      throws IOException {
    JsonNode ok = ContractJson.mapper().readTree(atLimit);
    JsonNode tooMuch = ContractJson.mapper().readTree(over);
    assertThat(Verdict.of(type, ok)).isEqualTo(Verdict.ACCEPTED);
    assertThat(SchemaCheck.errors(type, ok)).isEmpty();
    assertThat(Verdict.of(type, tooMuch)).isEqualTo(Verdict.refused(ErrorCode.INVALID_FIELD, field));
    assertThat(SchemaCheck.accepts(type, tooMuch)).isFalse();
  }

  private static Arguments limit(String what, Class<?> type, String field, String atLimit, String over) {
    return Arguments.of(what, type, field, atLimit, over);
  }

  private static String repeat(String element, int times) {
    return String.join(", ", Collections.nCopies(times, element));
  }

  private static String request(String operations, String executionId) {
    return """
        {"contractVersion": 1, "executionId": "%s", "jobId": "j-1", "version": 1, "timeoutSeconds": 60,
         "sentAt": "2026-11-24T09:00:00Z", "operations": [%s]}""".formatted(executionId, operations);
  }

  private static String failed(String code, String message) {
    return """
        {"contractVersion": 1, "executionId": "e-1", "status": "FAILED", "version": 1, "error": {"code": "%s", "message": "%s"}}"""
        .formatted(code, message);
  }

  private static String credential(String secret) {
    return """
        {"contractVersion": 1, "deviceId": "d-1", "secret": "%s", "issuedAt": "2026-11-24T09:00:00Z"}""".formatted(secret);
  }

  private static String presence(String region) {
    return """
        {"contractVersion": 1, "state": "ONLINE", "template": "vending-fridge", "attributes": {"region": "%s"}}""".formatted(region);
  }
}
