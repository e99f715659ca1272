package io.fleetjobs.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.ComponentTest;
import io.fleetjobs.app.support.Fixtures;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST API against a real H2 database and broker: creation, validation, listing, paging and errors. */
@MicronautTest(transactional = false)
class RestApiTest extends ComponentTest {

  @Inject
  @Client("/")
  HttpClient client;

  Api api;

  @BeforeAll
  void fleet() {
    api = Api.asAdmin(client.toBlocking());
    assertThat(api.post("/api/templates", Fixtures.fridgeTemplate("fridge")).status()).isEqualTo(201);
    for (int i = 0; i < 12; i++) {
      assertThat(api.post("/api/devices", Fixtures.device("fridge-%02d".formatted(i), "fridge", i % 2 == 0 ? "north" : "south")).status())
          .isEqualTo(201);
    }
    assertThat(api.post("/api/device-sets", Fixtures.filterSet("north", "fridge", "north")).status()).isEqualTo(201);
  }

  @Test
  void errorsAreProblemJsonNamingTheOffendingField() {
    Api.Answer answer = api.post("/api/jobs", """
        {"name": "bad", "deviceSetId": "north", "operations": [{"type": "SETTING", "name": "fanSpeed", "value": "fast"}]}
        """);
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.body().get("status").asInt()).isEqualTo(422);
    assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo("operations[0].value");
  }

  @Test
  void anUnknownOperationNameIsRefusedWith422() {
    Api.Answer answer = api.post("/api/jobs", """
        {"name": "bad", "deviceSetId": "north", "operations": [{"type": "COMMAND", "name": "explode"}]}
        """);
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo("operations[0].name");
  }

  @Test
  void malformedJsonIsABadRequestNamingTheField() {
    Api.Answer answer = api.post("/api/templates", """
        {"id": "t2", "name": "T", "settings": [{"name": "x", "type": "COLOUR"}]}
        """);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo("settings[0].type");
  }

  @Test
  void aValueOfTheWrongJsonTypeIsNamedWithTheTypeExpectedNeverAJavaClass() {
    Api.Answer answer = api.post("/api/jobs", """
        {"name": "x", "deviceSetId": "north", "deliveryTimeoutSeconds": "soon",
         "operations": [{"type": "SETTING", "name": "fanSpeed", "value": 1}]}""");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo("deliveryTimeoutSeconds");
    assertThat(answer.body().get("detail").asText()).contains("'soon' is not a whole number").doesNotContain("java.");
    Api.Answer token = api.post("/api/tokens", "{\"name\": \"t\", \"expiresAt\": \"tomorrow\"}");
    assertThat(token.body().get("detail").asText()).contains("ISO-8601 instant").doesNotContain("java.");
    Api.Answer unknown = api.post("/api/users", "{\"username\": \"u1\", \"role\": \"viewer\", \"admin\": true}");
    assertThat(unknown.body().get("detail").asText()).isEqualTo("'admin': 'admin' is not a field of this request");
    Api.Answer broken = api.post("/api/device-sets", "{\"id\": ");
    assertThat(broken.body().get("detail").asText()).startsWith("the body is not valid JSON").doesNotContain("java.");
    Api.Answer bulk = api.post("/api/devices/bulk", "[{\"id\": \"b1\", \"template\": \"fridge\", \"transport\": \"PIGEON\"}]");
    assertThat(bulk.body().get("errors").get(0).get("field").asText()).isEqualTo("[0].transport");
    assertThat(bulk.body().get("detail").asText()).contains("one of MQTT, COAP");
  }

  @Test
  void unknownThingsAre404ProblemJson() {
    Api.Answer answer = api.get("/api/jobs/nope");
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(api.get("/api/no-such-route").status()).isEqualTo(404);
  }

  @Test
  void aDuplicateTemplateIsAConflict() {
    assertThat(api.post("/api/templates", Fixtures.fridgeTemplate("fridge")).status()).isEqualTo(409);
  }

  @Test
  void aDeviceOfAnUnknownTemplateIsRefused() {
    Api.Answer answer = api.post("/api/devices", Fixtures.device("x1", "toaster", "north"));
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo("template");
  }

  @Test
  void devicesArePagedAndFiltered() {
    Api.Answer page = api.get("/api/devices?template=fridge&page=1&size=5");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body().get("totalItems").asLong()).isEqualTo(12);
    assertThat(page.body().get("totalPages").asLong()).isEqualTo(3);
    assertThat(page.body().get("items")).hasSize(5);
    assertThat(page.body().get("items").get(0).get("id").asText()).isEqualTo("fridge-05");
    assertThat(api.get("/api/devices?size=0").status()).isEqualTo(422);
  }

  @Test
  void aDeviceSetPreviewsTheDevicesItResolvesTo() {
    Api.Answer preview = api.get("/api/device-sets/north/devices?size=100");
    assertThat(preview.body().get("totalItems").asLong()).isEqualTo(6);
    preview.body().get("items").forEach(d -> assertThat(d.get("attributes").get("region").asText()).isEqualTo("north"));
  }

  @Test
  void aFilterOnAnUnknownFieldIsRefusedAtCreation() {
    Api.Answer answer = api.post("/api/device-sets", """
        {"name": "colour", "template": "fridge", "conditions": [{"field": "properties.colour", "operator": "EQ", "value": "red"}]}
        """);
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo("conditions[0].field");
  }

  @Test
  void aTemplateThatDeviceSetsAreOverIsNotDeletedUnlessForcedAndTheRefusalNamesTheSets() {
    api.post("/api/templates", Fixtures.fridgeTemplate("kept-fridge"));
    api.post("/api/device-sets", Fixtures.allOfTemplateSet("kept-set", "kept-fridge"));

    Api.Answer refused = api.delete("/api/templates/kept-fridge");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().get("detail").asText()).contains("'all kept-fridge' (kept-set)").contains("force=true");
    assertThat(api.get("/api/templates/kept-fridge").status()).as("a refused delete changes nothing").isEqualTo(200);
    assertThat(api.get("/api/device-sets/kept-set").body().get("broken").asBoolean()).isFalse();
    assertThat(api.delete("/api/templates/kept-fridge?force=maybe").status()).isEqualTo(400);

    String set = api.get("/api/device-sets/kept-set").body().get("id").asText();
    assertThat(api.delete("/api/device-sets/" + set).status()).isEqualTo(204);
    assertThat(api.delete("/api/templates/kept-fridge").status()).as("no set over it any more").isEqualTo(204);
    assertThat(api.delete("/api/templates/kept-fridge").status()).isEqualTo(404);
  }

  @Test
  void aSetWhoseTemplateWasDeletedIsBrokenAndJobsRefuseItWithTheReason() {
    api.post("/api/templates", Fixtures.fridgeTemplate("old-fridge"));
    api.post("/api/devices", Fixtures.device("old-1", "old-fridge", "north"));
    api.post("/api/device-sets", Fixtures.allOfTemplateSet("old-set", "old-fridge"));
    assertThat(api.delete("/api/templates/old-fridge?force=true").status()).isEqualTo(204);

    Api.Answer set = api.get("/api/device-sets/old-set");
    assertThat(set.body().get("broken").asBoolean()).isTrue();
    assertThat(set.body().get("brokenReason").asText()).contains("old-fridge");

    Api.Answer job = api.post("/api/jobs", Fixtures.fanSpeedJob("old-set", 3, false));
    assertThat(job.status()).isEqualTo(422);
    assertThat(job.body().get("errors").get(0).get("field").asText()).isEqualTo("deviceSetId");
    assertThat(job.body().get("detail").asText()).contains("broken").contains("old-fridge");
  }

  @Test
  void aJobToRunAtOnceOverASetWithNoDeviceIsRefusedAndLeavesNoJobBehind() {
    assertThat(api.post("/api/device-sets", Fixtures.filterSet("nowhere", "fridge", "nowhere")).status()).isEqualTo(201);
    for (int attempt = 0; attempt < 2; attempt++) {
      Api.Answer refused = api.post("/api/jobs", Fixtures.fanSpeedJob("nowhere", 2, true));
      assertThat(refused.status()).isEqualTo(422);
      assertThat(refused.body().get("errors").get(0).get("field").asText()).isEqualTo("deviceSetId");
    }
    assertThat(api.get("/api/jobs?deviceSetId=nowhere").body().get("totalItems").asLong()).as("jobs left by refused runs").isZero();
    assertThat(api.post("/api/jobs", Fixtures.fanSpeedJob("nowhere", 2, false)).status()).as("created without running").isEqualTo(201);
  }

  @Test
  void aJobIsCreatedPendingAndListedWithItsCounts() {
    Api.Answer created = api.post("/api/jobs", Fixtures.fanSpeedJob("north", 4, false));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().get("status").asText()).isEqualTo("PENDING");
    assertThat(created.body().get("canRun").asBoolean()).isTrue();
    String id = created.body().get("id").asText();

    Api.Answer listed = api.get("/api/jobs?status=PENDING&deviceSetId=north");
    assertThat(listed.body().get("items").findValuesAsText("id")).contains(id);
    assertThat(api.get("/api/jobs?status=NOPE").status()).isEqualTo(400);
  }

  @Test
  void aSubsetMustBeMembersOfTheSet() {
    Api.Answer answer = api.post("/api/jobs", """
        {"name": "subset", "deviceSetId": "north", "deviceIds": ["fridge-00", "fridge-01"],
         "operations": [{"type": "SETTING", "name": "fanSpeed", "value": 2}]}
        """);
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo("deviceIds[1]");
  }

  @Test
  void stoppingAJobCancelsItsDevicesAndItCanNeverRunAgainButCanBeCopied() {
    // the registered devices are offline, so the job waits for them
    String id = api.post("/api/jobs", Fixtures.fanSpeedJob("north", 5, true)).body().get("id").asText();
    Api.Answer running = api.get("/api/jobs/" + id);
    assertThat(running.body().get("status").asText()).isEqualTo("RUNNING");
    assertThat(running.body().get("counts").get("pending").asLong()).isEqualTo(6);

    Api.Answer stopped = api.post("/api/jobs/" + id + "/stop");
    assertThat(stopped.body().get("status").asText()).isEqualTo("STOPPED");
    assertThat(stopped.body().get("counts").get("canceled").asLong()).isEqualTo(6);
    assertThat(stopped.body().get("canRun").asBoolean()).isFalse();
    assertThat(stopped.body().get("runBlockedReason").asText()).contains("copy");

    Api.Answer rerun = api.post("/api/jobs/" + id + "/run");
    assertThat(rerun.status()).isEqualTo(409);
    assertThat(rerun.body().get("detail").asText()).contains("stopped job can never be run again");

    Api.Answer canceled = api.get("/api/jobs/" + id + "/devices?status=CANCELED&size=4");
    assertThat(canceled.body().get("totalItems").asLong()).isEqualTo(6);
    assertThat(canceled.body().get("items")).hasSize(4);

    Api.Answer copy = api.post("/api/jobs/" + id + "/copy");
    assertThat(copy.status()).isEqualTo(201);
    assertThat(copy.body().get("status").asText()).isEqualTo("PENDING");
    assertThat(copy.body().get("copiedFrom").asText()).isEqualTo(id);
    assertThat(copy.body().get("operations")).isEqualTo(stopped.body().get("operations"));

    assertThat(api.delete("/api/jobs/" + id).status()).isEqualTo(204);
    assertThat(api.get("/api/jobs/" + id).status()).isEqualTo(404);
  }

  @Test
  void aRunningJobCannotBeDeleted() {
    String id = api.post("/api/jobs", Fixtures.fanSpeedJob("north", 6, true)).body().get("id").asText();
    assertThat(api.delete("/api/jobs/" + id).status()).isEqualTo(409);
    api.post("/api/jobs/" + id + "/stop");
  }

  @Test
  void aDeletedDeviceStillShowsInOldJobsAsDeleted() {
    api.post("/api/devices", Fixtures.device("gone-1", "fridge", "east"));
    api.post("/api/device-sets", Fixtures.filterSet("east", "fridge", "east"));
    String id = api.post("/api/jobs", Fixtures.fanSpeedJob("east", 1, true)).body().get("id").asText();
    assertThat(api.delete("/api/devices/gone-1").status()).isEqualTo(204);

    Api.Answer devices = api.get("/api/jobs/" + id + "/devices");
    assertThat(devices.body().get("items").get(0).get("deviceId").asText()).isEqualTo("gone-1");
    assertThat(devices.body().get("items").get(0).get("deviceDeleted").asBoolean()).isTrue();
    assertThat(api.get("/api/devices/gone-1").body().get("deleted").asBoolean()).isTrue();
    api.post("/api/jobs/" + id + "/stop");
  }

  @Test
  void prometheusMetricsAndTheOpenApiDocumentAreServed() {
    String metrics = api.text("/prometheus").body();
    assertThat(metrics).contains("fleet_jobs{status=\"RUNNING\"}").contains("fleet_executions_dispatched_total")
        .contains("fleet_executions_latency_seconds");
    String openApi = api.text("/swagger/fleet-jobs-1.yml").body();
    assertThat(openApi).contains("/api/jobs/{id}/stop").contains("/api/device-sets");
    assertThat(api.text("/swagger-ui/index.html").body()).contains("swagger");
  }

  @Test
  void everyBackgroundLoopRunsUnderTheOneLifecycleInPhaseOrder(io.fleetjobs.app.common.BackgroundLoops loops) {
    assertThat(loops.names()).containsExactly(
        "WRITERS fleet-audit-writer", "WRITERS fleet-presence-writer", "WRITERS fleet-property-writer", "WRITERS fleet-update-writer",
        "ENGINE_RESUME fleet-dispatcher",
        "ENGINE fleet-cancels", "ENGINE fleet-job-storer", "ENGINE fleet-pending-requests", "ENGINE fleet-timeout-sweeper",
        "HOUSEKEEPING fleet-h2-housekeeping", "HOUSEKEEPING fleet-job-purger", "HOUSEKEEPING fleet-retention");
  }

  @Test
  void healthReportsTheDatabaseAndTheBroker() {
    Api.Answer health = api.get("/health");
    assertThat(health.body().get("status").asText()).isEqualTo("UP");
    assertThat(health.body().get("details").get("mqtt").get("status").asText()).isEqualTo("UP");
    assertThat(health.body().get("details").get("jdbc").get("status").asText()).isEqualTo("UP");
  }
}
