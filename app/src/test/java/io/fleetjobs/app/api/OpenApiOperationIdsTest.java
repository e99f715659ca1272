package io.fleetjobs.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.app.support.openapi.DocumentedResponses;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every operation of the OpenAPI document is named by its controller ({@code @Operation(operationId = ...)}), so a
 * client generated from it keeps its method names when a controller is added; micronaut-openapi's defaults are the
 * Java method's name, numbered when two controllers share it ({@code list_3}).
 */
class OpenApiOperationIdsTest {

  /** What micronaut-openapi names an operation it was not told the name of. */
  private static final Pattern NUMBERED_DEFAULT = Pattern.compile(".*_\\d+");

  private static final Map<String, String> IDS = new TreeMap<>();

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void readTheDocument() throws Exception {
    Map<String, Object> document;
    try (InputStream in = OpenApiOperationIdsTest.class.getClassLoader().getResourceAsStream(DocumentedResponses.DOCUMENT)) {
      document = new Yaml().load(in);
    }
    ((Map<String, Map<String, Map<String, Object>>>) document.get("paths")).forEach((path, item) -> item.forEach((method, operation) ->
        IDS.put(method.toUpperCase() + " " + path, (String) operation.get("operationId"))));
  }

  @Test
  void everyOperationHasAnOperationIdThatIsNotANumberedDefault() {
    assertThat(IDS).isNotEmpty();
    IDS.forEach((operation, id) -> {
      assertThat(id).as(operation).isNotBlank().doesNotMatch(NUMBERED_DEFAULT).matches("[a-z][A-Za-z]+");
    });
  }

  @Test
  void noTwoOperationsShareAnOperationId() {
    assertThat(IDS.values()).doesNotHaveDuplicates();
  }

  @Test
  void theOperationsAClientCallsByNameKeepTheirNames() {
    assertThat(IDS).containsEntry("POST /api/jobs", "createJob")
        .containsEntry("GET /api/jobs", "listJobs")
        .containsEntry("GET /api/jobs/{id}", "getJob")
        .containsEntry("POST /api/jobs/{id}/run", "runJob")
        .containsEntry("POST /api/jobs/{id}/stop", "stopJob")
        .containsEntry("POST /api/jobs/{id}/copy", "copyJob")
        .containsEntry("DELETE /api/jobs/{id}", "deleteJob")
        .containsEntry("GET /api/jobs/{id}/devices", "jobDevices")
        .containsEntry("GET /api/jobs/{id}/devices.csv", "jobDevicesCsv")
        .containsEntry("GET /api/jobs/{id}/events", "jobEvents")
        .containsEntry("GET /api/jobs/events", "jobsEvents")
        .containsEntry("GET /api/jobs/{id}/timeline", "jobTimeline")
        .containsEntry("GET /api/jobs/{id}/history", "jobHistory")
        .containsEntry("POST /api/templates", "createTemplate")
        .containsEntry("POST /api/devices", "registerDevice")
        .containsEntry("POST /api/devices/bulk", "registerDevices")
        .containsEntry("POST /api/auth/login", "login");
  }
}
