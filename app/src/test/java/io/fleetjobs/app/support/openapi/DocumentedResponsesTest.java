package io.fleetjobs.app.support.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The checker of answers against the served document finds what does not conform, and passes what does. */
class DocumentedResponsesTest {

  private final DocumentedResponses document = DocumentedResponses.served();
  private final ObjectMapper json = new ObjectMapper();

  private JsonNode problem(int status) throws Exception {
    return json.readTree("""
        {"type": "about:blank", "title": "t", "status": %d, "detail": "d", "instance": "/api/jobs/j1", "errors": []}
        """.formatted(status));
  }

  @Test
  void aProblemOnADocumentedStatusConforms() throws Exception {
    assertThat(document.mismatches("GET", "/api/jobs/j1?x=1", 404, "application/problem+json", problem(404))).isEmpty();
  }

  @Test
  void anUndocumentedStatusIsAMismatch() throws Exception {
    assertThat(document.mismatches("GET", "/api/jobs/j1", 418, "application/problem+json", problem(418)))
        .singleElement().asString().contains("418 is not a documented status");
  }

  @Test
  void aBodyMissingARequiredFieldIsAMismatch() throws Exception {
    JsonNode noStatus = json.readTree("{\"type\": \"about:blank\", \"title\": \"t\", \"errors\": []}");
    assertThat(document.mismatches("POST", "/api/jobs", 422, "application/problem+json", noStatus)).isNotEmpty();
  }

  @Test
  void aFieldOfTheWrongTypeIsAMismatch() throws Exception {
    JsonNode page = json.readTree("{\"items\": \"none\", \"page\": 0, \"size\": 20, \"totalItems\": 0, \"totalPages\": 0}");
    assertThat(document.mismatches("GET", "/api/jobs", 200, "application/json", page))
        .anySatisfy(m -> assertThat(m).contains("items"));
  }

  @Test
  void aPresenceOutsideItsEnumIsAMismatch() throws Exception {
    JsonNode page = json.readTree("""
        {"items": [{"id": "d", "name": "d", "attributes": {}, "presence": "MAYBE", "lastSeenAt": null}],
         "page": 0, "size": 20, "totalItems": 1, "totalPages": 1}
        """);
    assertThat(document.mismatches("GET", "/api/device-sets/s/devices", 200, "application/json", page))
        .anySatisfy(m -> assertThat(m).contains("presence"));
  }

  private JsonNode executions(String failureReason, String error, String value) throws Exception {
    return json.readTree("""
        {"items": [{"executionId": "e", "deviceId": "d", "deviceName": "d", "deviceDeleted": false, "status": "PENDING",
                    "failureReason": %s, "error": %s, "details": {"n": %s, "o": {"a": [1, "x", null]}}, "results": {},
                    "sentAt": null, "updatedAt": null, "finishedAt": null}],
         "page": 0, "size": 20, "totalItems": 1, "totalPages": 1}
        """.formatted(failureReason, error, value));
  }

  @Test
  void aNullableReferenceTakesNullAndAnyJsonValueTakesEveryType() throws Exception {
    for (String value : new String[] {"7", "\"text\"", "true", "[1, 2]", "{\"a\": 1}"}) {
      assertThat(document.mismatches("GET", "/api/jobs/j1/devices", 200, "application/json", executions("null", "null", value)))
          .as(value).isEmpty();
    }
  }

  @Test
  void aNullableReferenceStillChecksWhatIsNotNull() throws Exception {
    assertThat(document.mismatches("GET", "/api/jobs/j1/devices", 200, "application/json", executions("\"LATE\"", "null", "1")))
        .isNotEmpty();
    assertThat(document.mismatches("GET", "/api/jobs/j1/devices", 200, "application/json", executions("null", "[]", "1")))
        .isNotEmpty();
  }

  @Test
  void anUndocumentedContentTypeIsAMismatch() throws Exception {
    assertThat(document.mismatches("GET", "/api/jobs/j1", 404, "text/html", null)).singleElement().asString().contains("text/html");
  }

  @Test
  void pathsTheDocumentDoesNotDescribeAreNotChecked() {
    assertThat(document.mismatches("GET", "/health", 200, "application/json", null)).isEmpty();
  }
}
