package io.fleetjobs.app.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.app.common.Sql;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.ComponentTest;
import io.fleetjobs.app.support.Fixtures;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each job's state history through the API: every status change, when, why and by whom, and nothing else. */
@MicronautTest(transactional = false)
class JobHistoryTest extends ComponentTest {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  Sql sql;

  Api admin;
  Api operator;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
    properties.put("fleet.jobs.sweep-interval", "200ms"); // the never-connecting devices fail soon
    return properties;
  }

  @BeforeAll
  void fleet() {
    admin = Api.asAdmin(client.toBlocking());
    operator = admin.newUser("olga", "operator");
    assertThat(admin.post("/api/templates", Fixtures.fridgeTemplate("hist-fridge")).status()).isEqualTo(201);
    for (int i = 0; i < 3; i++) {
      assertThat(admin.post("/api/devices", Fixtures.device("hist-%d".formatted(i), "hist-fridge", "north")).status()).isEqualTo(201);
    }
    assertThat(admin.post("/api/device-sets", Fixtures.filterSet("hist-north", "hist-fridge", "north")).status()).isEqualTo(201);
  }

  @Test
  void aJobThatRanAndFailedShowsItsCreationItsRunAndTheEnginesFinishWithTheCounts() {
    String job = create(admin, ", \"deliveryTimeoutSeconds\": 1");
    assertThat(operator.post("/api/jobs/" + job + "/run").status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(admin.get("/api/jobs/" + job).body().path("status").asText()));

    List<String> entries = entries(job);
    assertThat(entries).containsExactly(
        "null->PENDING created by admin",
        "PENDING->RUNNING run by olga",
        "RUNNING->FAILED every device finished: 0 completed, 3 failed, 0 canceled by engine");
    JsonNode history = admin.get("/api/jobs/" + job + "/history").body();
    JsonNode view = admin.get("/api/jobs/" + job).body();
    assertThat(history.get(1).get("at").asText()).as("when it ran").isEqualTo(view.get("startedAt").asText());
    assertThat(history.get(2).get("at").asText()).as("when it finished").isEqualTo(view.get("finishedAt").asText());
    assertThat(view.get("storing").asText()).as("all of its executions were stored").isEqualTo("STORED");
  }

  @Test
  void aStopIsNotedWithWhoStoppedItAndARefusedRunAddsNothing() {
    String job = create(admin, "");
    assertThat(admin.get("/api/jobs/" + job).body().path("storing").isNull()).as("nothing stored before a run").isTrue();
    assertThat(operator.post("/api/jobs/" + job + "/stop").status()).isEqualTo(200);
    assertThat(admin.post("/api/jobs/" + job + "/run").status()).as("a stopped job never runs again").isEqualTo(409);
    assertThat(entries(job)).containsExactly("null->PENDING created by admin", "PENDING->STOPPED stopped by olga");
  }

  @Test
  void aCopySaysWhichJobItCameFrom() {
    String job = create(admin, "");
    Api.Answer copy = operator.post("/api/jobs/" + job + "/copy");
    assertThat(copy.status()).isEqualTo(201);
    assertThat(entries(copy.body().get("id").asText())).containsExactly("null->PENDING copied from job " + job + " by olga");
  }

  @Test
  void aDeletedJobTakesItsHistoryWithIt() {
    String job = create(admin, "");
    assertThat(admin.delete("/api/jobs/" + job).status()).isEqualTo(204);
    assertThat(admin.get("/api/jobs/" + job + "/history").status()).isEqualTo(404);
    assertThat(sql.count("SELECT COUNT(*) FROM job_transition WHERE job_id = ?", ps -> ps.setString(1, job))).isZero();
  }

  @Test
  void theHistoryOfAnUnknownJobIs404ProblemJson() {
    Api.Answer answer = admin.get("/api/jobs/no-such-job/history");
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.contentType()).startsWith("application/problem+json");
  }

  private String create(Api as, String extra) {
    Api.Answer created = as.post("/api/jobs", """
        {"name": "history", "deviceSetId": "hist-north", "operations": [{"type": "SETTING", "name": "fanSpeed", "value": 2}]%s}"""
        .formatted(extra));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.body().get("id").asText();
  }

  /** The history as "from->to reason by who" lines. */
  private List<String> entries(String job) {
    Api.Answer answer = admin.get("/api/jobs/" + job + "/history");
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    List<String> lines = new ArrayList<>();
    for (JsonNode entry : answer.body()) {
      lines.add(entry.path("from").asText("null") + "->" + entry.get("to").asText() + " " + entry.get("reason").asText() + " by "
          + entry.get("by").asText());
    }
    return lines;
  }
}
