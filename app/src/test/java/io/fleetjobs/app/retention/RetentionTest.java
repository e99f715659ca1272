package io.fleetjobs.app.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleetjobs.app.common.Sql;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.ComponentTest;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.app.support.MutableClock;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Finished jobs are purged once older than the retention window; running ones never. */
@MicronautTest(transactional = false)
class RetentionTest extends ComponentTest {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  RetentionService retention;

  @Inject
  MutableClock clock;

  @Inject
  Sql sql;

  /** Rows of the job's executions in the database itself: the API answers 404 for them as soon as the job is gone. */
  private long rowsOf(String job) {
    return sql.count("SELECT COUNT(*) FROM execution WHERE job_id = ?", ps -> ps.setString(1, job));
  }

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(super.getProperties());
    properties.put("test.clock", "mutable");
    return properties;
  }

  @Test
  void aFinishedJobOlderThan30DaysIsPurgedWithItsExecutionsAndA29DayOldOneIsKept() {
    Api api = Api.asAdmin(client.toBlocking());
    api.post("/api/templates", Fixtures.fridgeTemplate("fridge"));
    api.post("/api/devices", Fixtures.device("f1", "fridge", "north"));
    api.post("/api/devices", Fixtures.device("f2", "fridge", "north"));
    api.post("/api/device-sets", Fixtures.allOfTemplateSet("all", "fridge"));

    String old = api.post("/api/jobs", Fixtures.fanSpeedJob("all", 1, true)).body().get("id").asText();
    api.post("/api/jobs/" + old + "/stop");
    clock.advance(Duration.ofDays(2));
    String recent = api.post("/api/jobs", Fixtures.fanSpeedJob("all", 2, true)).body().get("id").asText();
    api.post("/api/jobs/" + recent + "/stop");
    // a delivery deadline beyond the test's 29 days, so the job is still running when the purge runs
    String running = api.post("/api/jobs", """
        {"name": "long", "deviceSetId": "all", "run": true, "deliveryTimeoutSeconds": 2592000,
         "operations": [{"type": "SETTING", "name": "fanSpeed", "value": 3}]}""").body().get("id").asText();

    clock.advance(Duration.ofDays(29).plusHours(1)); // old finished 31 days ago, recent 29

    assertThat(rowsOf(old)).isEqualTo(2);
    assertThat(retention.purge()).isEqualTo(1);
    assertThat(api.get("/api/jobs/" + old).status()).isEqualTo(404);
    assertThat(api.get("/api/jobs/" + old + "/devices").status()).isEqualTo(404);
    await("the purged job's executions deleted in the background").atMost(Duration.ofSeconds(10)).until(() -> rowsOf(old) == 0);
    assertThat(rowsOf(recent)).isEqualTo(2);
    assertThat(api.get("/api/jobs/" + recent).status()).isEqualTo(200);
    assertThat(api.get("/api/jobs/" + recent + "/devices").body().get("items")).hasSize(2);
    assertThat(api.get("/api/jobs/" + running).body().get("status").asText()).isEqualTo("RUNNING");

    clock.advance(Duration.ofDays(400));
    retention.purge();
    assertThat(api.get("/api/jobs/" + running).status()).isEqualTo(200);
    assertThat(api.get("/api/jobs/" + recent).status()).isEqualTo(404);
    await().atMost(Duration.ofSeconds(10)).until(() -> rowsOf(recent) == 0);
    assertThat(rowsOf(running)).isEqualTo(2);
  }
}
