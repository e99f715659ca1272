package io.fleetjobs.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.SimulatedDevice;
import io.fleetjobs.sim.SimulatedFleet;
import io.fleetjobs.sim.provision.Provisioner;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the service has acknowledged survives a SIGKILL right after it: the packaged service with production's database
 * settings, killed the moment it answered that a job runs. (H2 writes committed transactions to its file in the
 * background, by default up to half a second later: a kill in that half second took the run with it, the devices
 * that had got their execution were refused as UNKNOWN_EXECUTION when they answered, and a run again would have had
 * them do the work twice.)
 */
class KillAfterCommitIT {

  private ServiceProcess service;
  private SimulatedFleet fleet;

  @AfterEach
  void stop() {
    if (fleet != null) {
      fleet.close();
    }
    if (service != null) {
      service.close();
    }
  }

  @Test
  void aJobRunJustBeforeAKill9StillRunsAfterTheRestartAndEveryDevicesAnswerIsRecorded() throws Exception {
    service = ServiceProcess.fresh("kill-after-commit", Map.of());
    service.start();
    Api api = service.api();
    assertThat(api.post("/api/templates", Fixtures.fridgeTemplate("fridge")).status()).isEqualTo(201);
    // the answer comes after the restart: the device repeats it when the execution is sent again
    SimulatedFleet.Builder devices = SimulatedFleet.builder().brokerPort(service.mqttPort()).template("fridge").idPrefix("durable-")
        .count(3).attributes(i -> Map.of("region", "durable")).behaviour(Behaviour.builder().latency(Duration.ofSeconds(2), Duration.ofSeconds(2)).build());
    fleet = devices.credentials(new Provisioner(service.base(), api.token()).ensure(devices.plan(), Map.of())).build();
    fleet.start();
    assertThat(api.post("/api/device-sets", Fixtures.filterSet("durable", "fridge", "durable")).status()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(30)).until(() -> api.onlineIn("durable") == 3);

    Api.Answer run = api.post("/api/jobs", Fixtures.fanSpeedJob("durable", 5, true));
    service.kill();
    assertThat(run.body().get("status").asText()).isEqualTo("RUNNING");
    String job = run.body().get("id").asText();
    service.start();

    Api after = service.api();
    assertThat(after.get("/api/jobs/" + job).body().path("status").asText()).as("the job after the restart").isIn("RUNNING", "COMPLETED");
    await().atMost(Duration.ofMinutes(1)).until(() -> "COMPLETED".equals(after.get("/api/jobs/" + job).body().get("status").asText()));
    assertThat(after.get("/api/jobs/" + job).body().get("counts").get("completed").asLong()).isEqualTo(3);
    for (SimulatedDevice device : fleet.devices()) {
      assertThat(device.applications(job)).as("%s performed the job's work once", device.id()).isEqualTo(1);
      assertThat(device.errorsReceived()).as("error replies to %s", device.id()).isEmpty();
    }
    // commits written at once leave H2 no background thread to rewrite its file's sparse chunks: the service does it
    assertThat(java.nio.file.Files.readString(service.log(2))).contains("H2 housekeeping every PT30S");
  }
}
