package io.fleetjobs.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An execution sent before a crash is not "never delivered" after it. The restart forgets which executions were in
 * flight so that they are sent again ({@link ExecutionStore#resetInFlight()}); a device still offline then (a CoAP
 * device not yet observing again) used to be failed as NEVER_DELIVERED once the job's delivery deadline passed, though
 * it had its execution and was at work on it, and its answer was then ignored (found by the crash loop, CrashLoopIT).
 * Such an execution times out instead, counted from when it was first sent.
 */
@MicronautTest(transactional = false)
class DeliveredBeforeARestartTest extends ComponentTest {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  ExecutionStore executions;

  @Inject
  TimeoutSweeper sweeper;

  @Inject
  MutableClock clock;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(super.getProperties());
    properties.put("test.clock", "mutable");
    return properties;
  }

  @Test
  void anExecutionSentBeforeARestartIsNotFailedAsNeverDeliveredButTimesOutFromItsFirstSending() {
    Api api = Api.asAdmin(client.toBlocking());
    api.post("/api/templates", Fixtures.fridgeTemplate("sent-fridge"));
    api.post("/api/devices", Fixtures.device("sent-1", "sent-fridge", "north"));
    api.post("/api/device-sets", Fixtures.allOfTemplateSet("sent-all", "sent-fridge"));
    String job = api.post("/api/jobs", """
        {"name": "sent before a crash", "deviceSetId": "sent-all", "run": true, "deliveryTimeoutSeconds": 60,
         "executionTimeoutSeconds": 600, "operations": [{"type": "SETTING", "name": "fanSpeed", "value": 3}]}""")
        .body().get("id").asText();
    UUID execution = UUID.fromString(onlyRow(api, job).get("executionId").asText());

    executions.markDispatched(List.of(execution), clock.instant()); // sent, as the dispatcher does
    executions.resetInFlight(); // the service killed and started again: it will send it again
    clock.advance(Duration.ofSeconds(61)); // past the delivery deadline; the device is offline
    sweeper.sweep();

    JsonNode row = onlyRow(api, job);
    assertThat(row.get("status").asText()).as("an execution sent before the restart, past the delivery deadline: " + row).isEqualTo("PENDING");

    clock.advance(Duration.ofSeconds(540)); // 601 s after it was first sent
    sweeper.sweep();
    row = onlyRow(api, job);
    assertThat(row.get("status").asText()).isEqualTo("FAILED");
    assertThat(row.get("failureReason").asText()).isEqualTo("TIMED_OUT");
  }

  private static JsonNode onlyRow(Api api, String job) {
    JsonNode items = api.get("/api/jobs/" + job + "/devices").body().get("items");
    assertThat(items).hasSize(1);
    return items.get(0);
  }
}
