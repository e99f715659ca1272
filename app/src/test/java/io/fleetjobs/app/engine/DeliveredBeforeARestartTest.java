package io.fleetjobs.app.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.app.device.DeviceService;
import io.fleetjobs.app.device.Presences;
import io.fleetjobs.app.device.Route;
import io.fleetjobs.app.device.Transport;
import io.fleetjobs.app.inbox.DeviceInbox;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.contract.message.Presence;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * An execution an earlier process may have sent is not "never delivered" after a restart. Sending writes no row (what
 * was sent is memory, {@link InFlight}), so after a restart the engine cannot tell which of the executions stored
 * before it were sent; a device online since then and offline now (a CoAP device not yet observing again) may have
 * its execution and be at work on it. One whose device was offline all along was sent nothing by anyone. Such an execution is never failed as NEVER_DELIVERED (found by the crash loop, CrashLoopIT, when
 * that happened and its answer was then ignored): it times out once the delivery deadline and the execution timeout
 * counted from the restart have both passed.
 */
@MicronautTest(transactional = false)
class DeliveredBeforeARestartTest extends ComponentTest {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  InFlight inFlight;

  @Inject
  DeviceInbox inbox;

  @Inject
  TimeoutSweeper sweeper;

  @Inject
  MutableClock clock;

  @Inject
  Presences presences;

  @Inject
  DeviceService devices;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(super.getProperties());
    properties.put("test.clock", "mutable");
    return properties;
  }

  @Test
  void anExecutionStoredBeforeARestartIsNotFailedAsNeverDeliveredButTimesOutCountedFromTheRestart() {
    Api api = Api.asAdmin(client.toBlocking());
    oneDevice(api, "sent");
    String job = runJob(api, "sent");
    JsonNode sentAt = onlyRow(api, job).path("sentAt");
    assertThat(sentAt.isNull() || sentAt.isMissingNode()).as("the device is offline: nothing was sent").isTrue();

    // the device comes and goes after its execution was stored: the process may have sent it the execution
    coapPresence("sent-1", Presence.online("sent-fridge", Map.of()));
    coapPresence("sent-1", Presence.offline());
    clock.advance(Duration.ofSeconds(1));
    inFlight.resume(clock.instant()); // the service killed and started again: it forgets what it sent
    clock.advance(Duration.ofSeconds(60)); // past the delivery deadline; the device is offline
    sweeper.sweep();

    JsonNode row = onlyRow(api, job);
    assertThat(row.get("status").asText()).as("an execution sent before the restart, past the delivery deadline: " + row).isEqualTo("PENDING");

    clock.advance(Duration.ofSeconds(540)); // 600 s after the restart
    sweeper.sweep();
    assertThat(onlyRow(api, job).get("status").asText()).as("600 s after the restart, not more").isEqualTo("PENDING");
    clock.advance(Duration.ofSeconds(1));
    sweeper.sweep();
    row = onlyRow(api, job);
    assertThat(row.get("status").asText()).isEqualTo("FAILED");
    assertThat(row.get("failureReason").asText()).isEqualTo("TIMED_OUT");
    assertThat(row.at("/error/message").asText()).contains("restart");
  }

  @Test
  void anExecutionStoredBeforeARestartWhoseDeviceWasNeverOnlineSinceIsNeverDeliveredAtTheDeadline() {
    Api api = Api.asAdmin(client.toBlocking());
    oneDevice(api, "ghost");
    String job = runJob(api, "ghost");
    clock.advance(Duration.ofSeconds(1));
    inFlight.resume(clock.instant()); // offline all along: no process can have sent it
    clock.advance(Duration.ofSeconds(60));
    sweeper.sweep();
    JsonNode row = onlyRow(api, job);
    assertThat(row.get("status").asText()).isEqualTo("FAILED");
    assertThat(row.get("failureReason").asText()).isEqualTo("NEVER_DELIVERED");
  }

  @Test
  void anExecutionStoredAfterTheRestartWhoseDeviceStaysOfflineIsNeverDelivered() {
    Api api = Api.asAdmin(client.toBlocking());
    oneDevice(api, "after");
    clock.advance(Duration.ofSeconds(1));
    inFlight.resume(clock.instant());
    clock.advance(Duration.ofSeconds(1));
    String job = runJob(api, "after");
    clock.advance(Duration.ofSeconds(61));
    sweeper.sweep();
    JsonNode row = onlyRow(api, job);
    assertThat(row.get("status").asText()).isEqualTo("FAILED");
    assertThat(row.get("failureReason").asText()).isEqualTo("NEVER_DELIVERED");
  }

  @Test
  void aDeviceIsServedItsPendingWorkOnlyOnceTheBirthQueuedBeforeItsRequestIsRecorded() {
    Api api = Api.asAdmin(client.toBlocking());
    oneDevice(api, "order");
    // the MQTT birth is queued and written in a batch; a pending request right behind it must wait for that write,
    // or a crash in between would leave a device that was sent work recorded as offline since before it was stored
    inbox.presence("order-1", Route.of(Transport.MQTT, null), Presence.online("order-fridge", Map.of()), null, violation -> {});
    AtomicReference<Boolean> onlineWhenServed = new AtomicReference<>();
    presences.afterQueued(() -> onlineWhenServed.set(devices.get("order-1").online()));
    await().atMost(Duration.ofSeconds(10)).untilAtomic(onlineWhenServed, notNullValue());
    assertThat(onlineWhenServed.get()).as("the birth is recorded before what was queued after it runs").isTrue();
  }

  /** A presence over CoAP, as its resource records it: once it is written. */
  private void coapPresence(String deviceId, Presence presence) {
    CompletableFuture<Object> recorded = new CompletableFuture<>();
    inbox.presence(deviceId, Route.direct(Transport.COAP), presence, Duration.ofHours(1), recorded::complete);
    assertThat(recorded.join()).as("refused").isNull();
  }

  /** A template, one device {@code <prefix>-1} of it, registered and offline, and a set of it. */
  private static void oneDevice(Api api, String prefix) {
    api.post("/api/templates", Fixtures.fridgeTemplate(prefix + "-fridge"));
    api.post("/api/devices", Fixtures.device(prefix + "-1", prefix + "-fridge", "north"));
    api.post("/api/device-sets", Fixtures.allOfTemplateSet(prefix + "-all", prefix + "-fridge"));
  }

  /** Runs a job over {@code <prefix>-all}: delivery deadline 60 s, execution timeout 600 s. */
  private static String runJob(Api api, String prefix) {
    return api.post("/api/jobs", """
        {"name": "across a restart", "deviceSetId": "%s-all", "run": true, "deliveryTimeoutSeconds": 60,
         "executionTimeoutSeconds": 600, "operations": [{"type": "SETTING", "name": "fanSpeed", "value": 3}]}"""
        .formatted(prefix)).body().get("id").asText();
  }

  private static JsonNode onlyRow(Api api, String job) {
    JsonNode items = api.get("/api/jobs/" + job + "/devices").body().get("items");
    assertThat(items).hasSize(1);
    return items.get(0);
  }
}
