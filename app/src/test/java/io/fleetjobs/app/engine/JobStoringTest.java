package io.fleetjobs.app.engine;

import io.fleetjobs.app.job.Job;
import io.fleetjobs.app.job.JobStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.ComponentTest;
import io.fleetjobs.app.support.Fixtures;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The run call stores the first batch of executions and answers; the rest are stored in the background, batch by
 * batch (three devices per batch here), and a stop in the middle leaves nothing pending.
 */
@MicronautTest(transactional = false)
class JobStoringTest extends ComponentTest {

  private static final int DEVICES = 20;

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  JobStore jobs;

  @Inject
  io.fleetjobs.app.common.Sql sql;

  private Api api;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(super.getProperties());
    properties.put("fleet.jobs.insert-batch-size", "3");
    return properties;
  }

  @BeforeAll
  void fleet() {
    api = Api.asAdmin(client.toBlocking());
    api.post("/api/templates", Fixtures.fridgeTemplate("store-fridge"));
    for (int i = 0; i < DEVICES; i++) {
      api.post("/api/devices", Fixtures.device("store-%02d".formatted(i), "store-fridge", i % 2 == 0 ? "even" : "odd"));
    }
    api.post("/api/device-sets", Fixtures.allOfTemplateSet("store-all", "store-fridge"));
    api.post("/api/device-sets", Fixtures.filterSet("store-even", "store-fridge", "even"));
  }

  private JsonNode counts(String job) {
    return api.get("/api/jobs/" + job).body().get("counts");
  }

  @Test
  void aRunAnswersRunningAndEveryDeviceOfTheSetGetsOneStoredExecution() {
    JsonNode job = api.post("/api/jobs", Fixtures.fanSpeedJob("store-all", 1, true)).body();
    assertThat(job.get("status").asText()).isEqualTo("RUNNING");
    assertThat(job.get("counts").get("total").asInt()).isBetween(1, DEVICES);
    String id = job.get("id").asText();

    await().atMost(Duration.ofSeconds(10)).until(() -> counts(id).get("total").asInt() == DEVICES);
    assertThat(counts(id).get("pending").asInt()).isEqualTo(DEVICES);
    assertThat(api.get("/api/jobs/" + id + "/devices?size=100").body().get("items"))
        .extracting(e -> e.get("deviceId").asText())
        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, DEVICES).mapToObj("store-%02d"::formatted).toList());
  }

  @Test
  void aFilteredSetAndAChosenSubsetAreStoredBatchByBatchToo() {
    String even = api.post("/api/jobs", Fixtures.fanSpeedJob("store-even", 2, true)).body().get("id").asText();
    String chosen = IntStream.range(0, DEVICES).filter(i -> i % 3 == 0).mapToObj(i -> "\"store-%02d\"".formatted(i))
        .collect(Collectors.joining(","));
    String subset = api.post("/api/jobs", """
        {"name": "subset", "deviceSetId": "store-all", "deviceIds": [%s], "run": true,
         "operations": [{"type": "SETTING", "name": "fanSpeed", "value": 3}]}""".formatted(chosen)).body().get("id").asText();

    await().atMost(Duration.ofSeconds(10)).until(() -> counts(even).get("total").asInt() == DEVICES / 2);
    await().atMost(Duration.ofSeconds(10)).until(() -> counts(subset).get("total").asInt() == 7);
    assertThat(devicesOf(even)).containsExactlyElementsOf(IntStream.range(0, DEVICES).filter(i -> i % 2 == 0).mapToObj("store-%02d"::formatted).toList());
    assertThat(devicesOf(subset)).containsExactlyElementsOf(IntStream.range(0, DEVICES).filter(i -> i % 3 == 0).mapToObj("store-%02d"::formatted).toList());
  }

  private java.util.List<String> devicesOf(String job) {
    java.util.List<String> ids = new java.util.ArrayList<>();
    api.get("/api/jobs/" + job + "/devices?size=100").body().get("items").forEach(e -> ids.add(e.get("deviceId").asText()));
    java.util.Collections.sort(ids);
    return ids;
  }

  @Test
  void aJobStoppedWhileItsExecutionsAreStoredEndsWithEveryStoredOneCanceled() {
    // the stop must land while batches are still being stored (the run answers after the first of seven): a stop
    // that came after the last batch would show nothing, so the test retries until one lands in time, and says so
    String id = null;
    int storedAtStop = DEVICES;
    for (int attempt = 0; attempt < 20 && storedAtStop == DEVICES; attempt++) {
      id = api.post("/api/jobs", Fixtures.fanSpeedJob("store-all", 4, true)).body().get("id").asText();
      JsonNode stopped = api.post("/api/jobs/" + id + "/stop").body();
      assertThat(stopped.get("status").asText()).isEqualTo("STOPPED");
      storedAtStop = stopped.get("counts").get("total").asInt();
    }
    assertThat(storedAtStop).as("executions stored when a stop landed, of %d", DEVICES).isLessThan(DEVICES);

    String job = id;
    int total = storedAtStop;
    await().atMost(Duration.ofSeconds(10)).during(Duration.ofMillis(500)).untilAsserted(() -> {
      JsonNode c = counts(job);
      assertThat(c.get("total").asInt()).as("nothing stored after the stop").isEqualTo(total);
      assertThat(c.get("pending").asInt()).isZero();
      assertThat(c.get("canceled").asInt()).isEqualTo(total);
    });
    assertThat(api.get("/api/jobs/" + job + "/devices?status=PENDING").body().get("items")).isEmpty();
    assertThat(sql.count("SELECT COUNT(*) FROM execution WHERE job_id = ?", ps -> ps.setString(1, job))).isEqualTo(total);
  }

  @Test
  void theStorerFindsNothingLeftToStoreOfAJobStoppedBetweenTwoOfItsBatches() {
    // what the storer's next batch reads after a stop: the job's row, its storing abandoned
    String id = api.post("/api/jobs", Fixtures.fanSpeedJob("store-all", 5, false)).body().get("id").asText();
    assertThat(api.post("/api/jobs/" + id + "/stop").body().get("status").asText()).isEqualTo("STOPPED");

    assertThat(sql.inTransaction(() -> jobs.lock(id)).filter(Job::isStoring)).isEmpty();
    assertThat(sql.inTransaction(() -> jobs.lock("no-such-job"))).isEmpty();
  }
}
