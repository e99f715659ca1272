package io.fleetjobs.app.retention;

import static org.assertj.core.api.Assertions.assertThat;

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

    assertThat(retention.purge()).isEqualTo(1);
    assertThat(api.get("/api/jobs/" + old).status()).isEqualTo(404);
    assertThat(api.get("/api/jobs/" + old + "/devices").status()).isEqualTo(404);
    assertThat(api.get("/api/jobs/" + recent).status()).isEqualTo(200);
    assertThat(api.get("/api/jobs/" + recent + "/devices").body().get("items")).hasSize(2);
    assertThat(api.get("/api/jobs/" + running).body().get("status").asText()).isEqualTo("RUNNING");

    clock.advance(Duration.ofDays(400));
    retention.purge();
    assertThat(api.get("/api/jobs/" + running).status()).isEqualTo(200);
    assertThat(api.get("/api/jobs/" + recent).status()).isEqualTo(404);
  }
}
