package io.fleetjobs.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.ComponentTest;
import io.fleetjobs.app.support.MutableClock;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Audit events are kept for {@code fleet.audit.retention-days}, then purged in batches; younger ones stay. */
@MicronautTest(transactional = false)
class AuditRetentionTest extends ComponentTest {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  AuditRetention retention;

  @Inject
  MutableClock clock;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(super.getProperties());
    properties.put("test.clock", "mutable");
    properties.put("fleet.audit.retention-days", "10");
    properties.put("fleet.audit.purge-batch-size", "2"); // several batches for the few events of the test
    return properties;
  }

  @Test
  void eventsOlderThanTheRetentionPeriodArePurgedInBatchesAndYoungerOnesAreKept() {
    Api admin = Api.asAdmin(client.toBlocking());
    Api anonymous = new Api(client.toBlocking());
    for (int i = 0; i < 5; i++) {
      anonymous.post("/api/jobs/old-" + i + "/run");
    }
    awaitTotal(admin, "action=/run", 5);
    clock.advance(Duration.ofDays(2));
    anonymous.post("/api/jobs/recent/run");
    awaitTotal(admin, "action=/run", 6);

    clock.advance(Duration.ofDays(8).plusHours(1)); // the first five are 10 days and an hour old, the last 8 days

    assertThat(retention.purge()).isEqualTo(6); // the five and the admin's sign-in before them
    assertThat(admin.get("/api/audit?action=/run").body().get("items")).singleElement()
        .satisfies(e -> assertThat(e.get("target").asText()).isEqualTo("recent"));
    assertThat(retention.purge()).isZero();
  }

  private static void awaitTotal(Api api, String query, long total) {
    await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/audit?" + query).body().get("totalItems").asLong() == total);
  }
}
