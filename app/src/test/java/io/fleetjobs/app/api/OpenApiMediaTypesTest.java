package io.fleetjobs.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetjobs.app.support.openapi.DocumentedResponses;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document says what the answers that are not plain JSON are: CSV as text, server-sent events with their
 * data's schema, the bulk registration's two bodies and two answers; and every summary reads as written.
 */
class OpenApiMediaTypesTest {

  private static JsonNode paths;
  private static JsonNode schemas;

  @BeforeAll
  static void readTheDocument() throws Exception {
    try (InputStream in = OpenApiMediaTypesTest.class.getClassLoader().getResourceAsStream(DocumentedResponses.DOCUMENT)) {
      JsonNode document = new ObjectMapper().valueToTree(new Yaml().load(in));
      paths = document.path("paths");
      schemas = document.path("components").path("schemas");
    }
  }

  private static JsonNode ok(String path, String method, String status) {
    return paths.path(path).path(method).path("responses").path(status).path("content");
  }

  @Test
  void aJobsDevicesCsvIsTextCsvAsAString() {
    JsonNode content = ok("/api/jobs/{id}/devices.csv", "get", "200");
    assertThat(names(content)).containsExactly("text/csv");
    assertThat(content.path("text/csv").path("schema").path("type").asText()).isEqualTo("string");
  }

  @Test
  void aJobsEventsCarryTheJobAndSayTheirName() {
    JsonNode operation = paths.path("/api/jobs/{id}/events").path("get");
    JsonNode content = ok("/api/jobs/{id}/events", "get", "200");
    assertThat(names(content)).containsExactly("text/event-stream");
    assertThat(content.path("text/event-stream").path("schema").path("$ref").asText()).isEqualTo("#/components/schemas/JobView");
    assertThat(operation.path("description").asText()).contains("named \"job\"");
  }

  @Test
  void theJobsChangesCarryAJobIdAndSayTheirName() {
    JsonNode operation = paths.path("/api/jobs/events").path("get");
    JsonNode content = ok("/api/jobs/events", "get", "200");
    assertThat(names(content)).containsExactly("text/event-stream");
    assertThat(content.path("text/event-stream").path("schema").path("type").asText()).isEqualTo("string");
    assertThat(operation.path("description").asText()).contains("named \"changed\"");
  }

  @Test
  void noSchemaDescribesTheFrameworksEventWrapper() {
    assertThat(names(schemas)).noneMatch(name -> name.startsWith("Event"));
  }

  @Test
  void aBulkRegistrationTakesAnArrayOfDevicesOrCsvAndAnswersTheRegisteredDevicesOrCsv() {
    JsonNode body = paths.path("/api/devices/bulk").path("post").path("requestBody").path("content");
    assertThat(names(body)).containsExactly("application/json", "text/csv");
    assertThat(body.path("application/json").path("schema").path("$ref").asText()).isEqualTo("#/components/schemas/DeviceRequests");
    assertThat(schemas.path("DeviceRequests").path("type").asText()).isEqualTo("array");
    assertThat(schemas.path("DeviceRequests").path("items").path("$ref").asText()).isEqualTo("#/components/schemas/DeviceRequest");
    assertThat(body.path("text/csv").path("schema").path("type").asText()).isEqualTo("string");

    JsonNode answer = ok("/api/devices/bulk", "post", "201");
    assertThat(names(answer)).containsExactly("application/json", "text/csv");
    assertThat(answer.path("application/json").path("schema").path("$ref").asText()).isEqualTo("#/components/schemas/RegisteredDevices");
    assertThat(names(schemas.path("RegisteredDevices").path("properties"))).containsExactlyInAnyOrder("registered", "devices");
    assertThat(answer.path("text/csv").path("schema").path("type").asText()).isEqualTo("string");
  }

  @Test
  void everyOperationHasASummaryWithoutJavadocTags() {
    List<String> summaries = new ArrayList<>();
    paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
      String summary = method.getValue().path("summary").asText("");
      assertThat(summary).as(method.getKey() + " " + path.getKey()).isNotBlank().doesNotContain("@code", "@link", "{@");
      summaries.add(summary);
    }));
    assertThat(summaries).isNotEmpty();
    assertThat(paths.path("/api/auth/login").path("post").path("summary").asText()).isEqualTo("Signs in with a password for a bearer token");
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
