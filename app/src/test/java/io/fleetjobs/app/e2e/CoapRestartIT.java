package io.fleetjobs.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.app.support.TestBroker;
import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.SimulatedDevice;
import io.fleetjobs.sim.SimulatedFleet;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A restart of the service is invisible to CoAP devices over DTLS (CONTRACT.md §12, "when the service restarts"): the
 * restarted service has lost every DTLS session and observation, and the devices, following the contract, notice and
 * observe again, so nothing is stranded. The executions' timeout is short, so a device that the restart stranded
 * would fail the job as TIMED_OUT.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoapRestartIT {

  /** Short enough that a stranded device fails the test, long enough for the slow answers below. */
  private static final int EXECUTION_TIMEOUT_SECONDS = 30;

  private AppUnderTest app;
  private Api api;
  private final List<SimulatedFleet> fleets = new ArrayList<>();

  @BeforeAll
  void start() {
    // the restarted service must listen where the devices know it: a fixed port, not a new free one per start
    app = new AppUnderTest(Map.of(
        "fleet.coap.dtls.port", String.valueOf(freeUdpPort()),
        "fleet.coap.observe.max-age", "PT4S",
        "fleet.coap.observe.refresh", "PT2S",
        // a window smaller than the fleet: at the restart some executions are in flight, the rest not sent yet
        "fleet.jobs.max-in-flight", "8"));
    api = app.api();
    assertThat(api.post("/api/templates", Fixtures.fridgeTemplate("fridge")).status()).isEqualTo(201);
  }

  @AfterEach
  void stopDevices() {
    fleets.forEach(SimulatedFleet::close);
    fleets.clear();
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @Test
  void aJobOverCoapDevicesCompletesAcrossARestartOfTheServiceWithNoDeviceTimedOut() {
    SimulatedFleet fleet = fleet("rs-", "restart", 20, Behaviour.builder().latency(Duration.ofSeconds(2), Duration.ofSeconds(4)).build());
    String id = createJob("restart");
    await().atMost(Duration.ofSeconds(15)).until(() -> fleet.stats().executionsReceived() >= 8);
    assertThat(job(id).get("counts").get("completed").asLong()).isLessThan(20);

    app.restart();
    api = app.api();
    long restartedAt = System.nanoTime();

    JsonNode done = awaitFinished(id);
    assertThat(done.get("counts").get("failed").asLong()).as("executions failed (TIMED_OUT)").isZero();
    assertThat(done.get("counts").get("completed").asLong()).isEqualTo(20);
    assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(Duration.ofNanos(System.nanoTime() - restartedAt)).isLessThan(Duration.ofSeconds(EXECUTION_TIMEOUT_SECONDS / 2));
    assertThat(fleet.device("rs-0019").settings().get("fanSpeed").asInt()).isEqualTo(4);
  }

  @Test
  void aCoapDeviceIdleAcrossTheRestartPromptlyReceivesAJobCreatedAfterIt() {
    SimulatedFleet fleet = fleet("idle-", "idle", 3, Behaviour.builder().latency(Duration.ofMillis(5), Duration.ofMillis(50)).build());
    app.restart();
    api = app.api();

    String id = createJob("idle");
    long createdAt = System.nanoTime();
    JsonNode done = awaitFinished(id);
    assertThat(done.get("counts").get("failed").asLong()).as("executions failed (TIMED_OUT)").isZero();
    assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
    // promptly: within a Max-Age of the notifications (4 s here) and a handshake, not at the next presence refresh
    assertThat(Duration.ofNanos(System.nanoTime() - createdAt)).isLessThan(Duration.ofSeconds(10));
    assertThat(fleet.device("idle-0002").settings().get("fanSpeed").asInt()).isEqualTo(4);
  }

  private SimulatedFleet fleet(String prefix, String batch, int count, Behaviour behaviour) {
    SimulatedFleet fleet = app.provision(SimulatedFleet.builder().brokerPort(TestBroker.port()).coapPort(app.coapPort())
        .protocol(SimulatedDevice.Protocol.COAP).template("fridge").idPrefix(prefix).count(count)
        .attributes(i -> Map.of("batch", batch)).behaviour(behaviour)).build();
    fleets.add(fleet);
    fleet.start();
    api.post("/api/device-sets", """
        {"id": "%s", "name": "%s", "template": "fridge", "conditions": [{"field": "attributes.batch", "operator": "EQ", "value": "%s"}]}"""
        .formatted(batch, batch, batch));
    await().atMost(Duration.ofSeconds(20)).until(() -> api.onlineIn(batch) == count);
    return fleet;
  }

  private String createJob(String set) {
    Api.Answer created = api.post("/api/jobs", """
        {"name": "Fan speed 4", "deviceSetId": "%s", "executionTimeoutSeconds": %d,
         "operations": [{"type": "SETTING", "name": "fanSpeed", "value": 4}], "run": true}""".formatted(set, EXECUTION_TIMEOUT_SECONDS));
    assertThat(created.status()).isEqualTo(201);
    return created.body().get("id").asText();
  }

  private JsonNode job(String id) {
    return api.get("/api/jobs/" + id).body();
  }

  /** The job once no execution is pending any more: completed, or failed once its timeout passed. */
  private JsonNode awaitFinished(String id) {
    await().atMost(Duration.ofSeconds(EXECUTION_TIMEOUT_SECONDS + 15)).until(() -> job(id).get("counts").get("pending").asLong() == 0);
    return job(id);
  }

  private static int freeUdpPort() {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (SocketException e) {
      throw new IllegalStateException(e);
    }
  }
}
