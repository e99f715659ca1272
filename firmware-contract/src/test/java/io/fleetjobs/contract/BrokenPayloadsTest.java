package io.fleetjobs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.contract.message.ExecutionUpdate;
import io.fleetjobs.contract.message.PendingRequest;
import io.fleetjobs.contract.message.Presence;
import io.fleetjobs.contract.message.PropertyReport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One example of each fault the generated messages ({@link GeneratedMessagesTest}) found in the decoder, each answered
 * as CONTRACT.md §3, §10 and §11 say.
 */
class BrokenPayloadsTest {

  private static final String UPDATE = "{\"contractVersion\":1,\"executionId\":\"e-1\",\"status\":\"SUCCEEDED\",\"version\":1}";

  @Test
  void aMessageCutShortInsideAStringIsMalformedJsonNotAnInvalidField() {
    assertThat(verdict(ExecutionUpdate.class, "{\"contractVersion\":1,\"executionId\":\"e-1\",\"status\":\"SUCC"))
        .isEqualTo(Verdict.refused(ErrorCode.MALFORMED_JSON, null));
    assertThat(verdict(ExecutionUpdate.class, "{\"contractVersion\":1,\"executionId\":\"e-1\",\"status\":\"FAILED\",\"version\":2,\"error\":{\"code\":\"X"))
        .isEqualTo(Verdict.refused(ErrorCode.MALFORMED_JSON, null));
  }

  @Test
  void textAfterTheObjectIsMalformedJsonEvenWhenTheObjectLacksAField() {
    assertThat(verdict(PendingRequest.class, "{}}")).isEqualTo(Verdict.refused(ErrorCode.MALFORMED_JSON, null));
    assertThat(verdict(ExecutionUpdate.class, "{\"contractVersion\":1,\"executionId\":\"e-1\",\"status\":\"FAILED\",\"version\":2,"
        + "\"error\":{\"code\":\" \",\"message\":\"m\"}")).as("cut after a bad nested field").isEqualTo(Verdict.refused(ErrorCode.MALFORMED_JSON, null));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"c0 80", "e0 80 80", "ed a0 80", "f4 90 80 80", "f5 80 80 80", "80", "ff", "e9"})
  void bytesThatAreNotUtf8AreMalformedJsonWhereverTheyAre(String hex) {
    assertThat(Verdict.of(Presence.class, withBytesInAString(hex))).isEqualTo(Verdict.refused(ErrorCode.MALFORMED_JSON, null));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE", "UTF-32LE"})
  void aMessageInAnotherEncodingThanUtf8IsMalformedJson(String charset) {
    assertThat(Verdict.of(PendingRequest.class, "{\"contractVersion\":1}".getBytes(Charset.forName(charset))))
        .isEqualTo(Verdict.refused(ErrorCode.MALFORMED_JSON, null));
  }

  @Test
  void aRawLineBreakInsideAStringIsMalformedJson() {
    assertThat(verdict(Presence.class, "{\"contractVersion\":1,\"state\":\"ON\nLINE\"}")).isEqualTo(Verdict.refused(ErrorCode.MALFORMED_JSON, null));
  }

  @Test
  void anEnumNameIsExactlyOneOfTheNamesNotOnePaddedWithSpaces() {
    assertThat(verdict(ExecutionUpdate.class, UPDATE.replace("\"SUCCEEDED\"", "\" SUCCEEDED\"")))
        .isEqualTo(Verdict.refused(ErrorCode.INVALID_FIELD, "status"));
    assertThat(verdict(ExecutionUpdate.class, UPDATE.replace("\"SUCCEEDED\"", "\"\""))).isEqualTo(Verdict.refused(ErrorCode.INVALID_FIELD, "status"));
  }

  @Test
  void anEmptyStringWhereAnObjectBelongsIsAWrongType() {
    assertThat(verdict(ExecutionUpdate.class, UPDATE.replace("}", ",\"details\":\"\"}"))).isEqualTo(Verdict.refused(ErrorCode.WRONG_TYPE, "details"));
    assertThat(verdict(Presence.class, "{\"contractVersion\":1,\"state\":\"ONLINE\",\"attributes\":\"\"}"))
        .isEqualTo(Verdict.refused(ErrorCode.WRONG_TYPE, "attributes"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"1795510800", "2026-11-24T24:00:00Z", "2026-11-24T10:15:60Z", "2026-11-24T09:00:00-00:00", "2026-11-24T09:00:00+19:00"})
  void aTimestampIsAnRfc3339InstantAndNothingElse(String timestamp) {
    assertThat(verdict(PendingRequest.class, "{\"contractVersion\":1,\"timestamp\":\"" + timestamp + "\"}"))
        .isEqualTo(Verdict.refused(ErrorCode.INVALID_FIELD, "timestamp"));
    assertThat(SchemaCheck.accepts(PendingRequest.class, json("{\"contractVersion\":1,\"timestamp\":\"" + timestamp + "\"}"))).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"2016-12-31T23:59:60Z", "2026-11-24T09:00:00.123456789+18:00", "2026-11-24t09:00:00z"})
  void rfc3339AllowsALeapSecondNineFractionDigitsAndLowerCaseLetters(String timestamp) {
    assertThat(verdict(PendingRequest.class, "{\"contractVersion\":1,\"timestamp\":\"" + timestamp + "\"}")).isEqualTo(Verdict.ACCEPTED);
    assertThat(SchemaCheck.accepts(PendingRequest.class, json("{\"contractVersion\":1,\"timestamp\":\"" + timestamp + "\"}"))).isTrue();
  }

  @Test
  void anErrorCodeOfAnyCharacterButSpacesTabsAndLineBreaksIsNotBlankAsTheSchemaReadsIt() {
    String emSpace = "{\"contractVersion\":1,\"executionId\":\"e-1\",\"status\":\"FAILED\",\"version\":1,\"error\":{\"code\":\"\u2003\",\"message\":\"\"}}";
    assertThat(verdict(ExecutionUpdate.class, emSpace)).isEqualTo(Verdict.ACCEPTED);
    assertThat(SchemaCheck.accepts(ExecutionUpdate.class, json(emSpace))).isTrue();
    assertThat(verdict(ExecutionUpdate.class, emSpace.replace("\u2003", " \\t "))).isEqualTo(Verdict.refused(ErrorCode.INVALID_FIELD, "error.code"));
  }

  @Test
  void anErrorRepeatsAtMostAFewDozenCharactersOfWhatTheDeviceSent() {
    ContractViolation value = violation(ExecutionUpdate.class, UPDATE.replace("\"SUCCEEDED\"", "\"" + "D".repeat(100_000) + "\""));
    assertThat(value.getMessage()).hasSizeLessThan(120).startsWith("status: has an invalid value 'DDD");
    ContractViolation key = violation(PropertyReport.class, "{\"contractVersion\":1,\"version\":1,\"properties\":{\"" + "k".repeat(40_000) + " \":1}}");
    assertThat(key.field()).startsWith("properties.kkk").hasSizeLessThanOrEqualTo(201);
    assertThat(key.getMessage()).hasSizeLessThan(400);
  }

  @Test
  void jsonPastTheParsersLimitsIsMalformedInTheContractsOwnWords() {
    String deep = "{\"contractVersion\":1,\"version\":1,\"properties\":{\"a\":" + "[".repeat(1001) + "]".repeat(1001) + "}}";
    String longNumber = "{\"contractVersion\":1,\"version\":1,\"properties\":{\"a\":" + "9".repeat(1001) + "}}";
    for (String payload : new String[] {deep, longNumber}) {
      ContractViolation violation = violation(PropertyReport.class, payload);
      assertThat(violation.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
      assertThat(violation.field()).isNull();
      assertThat(violation.getMessage()).contains("1000").doesNotContain("StreamReadConstraints", "`");
    }
  }

  @Test
  void aMalformedJsonMessageNamesNoJavaSetting() {
    assertThat(violation(PendingRequest.class, "{\"contractVersion\":1").getMessage())
        .startsWith("not valid JSON: Unexpected end-of-input").doesNotContain("StreamReadFeature", "REDACTED");
  }

  private static Verdict verdict(Class<?> type, String payload) {
    return Verdict.of(type, payload.getBytes(StandardCharsets.UTF_8));
  }

  private static ContractViolation violation(Class<?> type, String payload) {
    try {
      ContractJson.decode(payload.getBytes(StandardCharsets.UTF_8), type);
    } catch (ContractViolation v) {
      return v;
    }
    throw new AssertionError("accepted: " + payload);
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String text) {
    try {
      return ContractJson.mapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A presence whose attribute value holds the given bytes between two letters. */
  private static byte[] withBytesInAString(String hex) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("{\"contractVersion\":1,\"state\":\"ONLINE\",\"attributes\":{\"a\":\"x".getBytes(StandardCharsets.US_ASCII));
    for (String b : hex.split(" ")) {
      out.write(Integer.parseInt(b, 16));
    }
    out.writeBytes("y\"}}".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }
}
