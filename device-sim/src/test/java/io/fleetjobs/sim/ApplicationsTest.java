package io.fleetjobs.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleetjobs.contract.ErrorCode;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.message.UpdateStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Devices count the work they perform, not the messages they receive: a repeated execution is a delivery, a second
 * execution of the same job is a second application (what a crash test looks for), and error replies are tallied by
 * kind.
 */
class ApplicationsTest {

  private static final Behaviour QUICK = Behaviour.builder().latency(Duration.ofMillis(1), Duration.ofMillis(10)).build();

  private FakeService service;
  private SimulatedFleet fleet;

  @BeforeEach
  void start() {
    service = new FakeService(TestBroker.port());
  }

  @AfterEach
  void close() {
    if (fleet != null) {
      fleet.close();
    }
    service.close();
  }

  private SimulatedDevice device(String prefix, Behaviour behaviour) {
    fleet = SimulatedFleet.builder().brokerPort(TestBroker.port()).idPrefix(prefix).count(1).behaviour(behaviour).build();
    fleet.start();
    return fleet.devices().get(0);
  }

  @Test
  void anExecutionDeliveredThreeTimesIsOneApplicationWithTheStatusTheDeviceReported() {
    SimulatedDevice device = device("once-", QUICK);
    String id = service.sendFanSpeed(device.id(), 2);
    service.send(device.id(), id, 2);
    service.send(device.id(), id, 2);

    await().atMost(Duration.ofSeconds(5)).until(() -> device.executionsReceived() == 3 && device.reported("job-1") != null);
    assertThat(device.applications("job-1")).isEqualTo(1);
    assertThat(device.reported("job-1")).isEqualTo(UpdateStatus.SUCCEEDED);
    assertThat(fleet.stats().applications()).isEqualTo(1);
    assertThat(fleet.stats().reapplications()).isZero();
  }

  @Test
  void aSecondExecutionOfTheSameJobIsASecondApplicationAndCountedAsWorkDoneAgain() {
    SimulatedDevice device = device("twice-", QUICK);
    service.sendFanSpeed(device.id(), 2);
    service.sendFanSpeed(device.id(), 2); // another execution id, the same job: what a service that lost its rows would send

    await().atMost(Duration.ofSeconds(5)).until(() -> device.applications("job-1") == 2);
    assertThat(fleet.stats().reapplications()).isEqualTo(1);
    assertThat(device.applications("another-job")).isZero();
    assertThat(device.reported("another-job")).isNull();
  }

  @Test
  void workCanceledBeforeItsAnswerIsAppliedOnceAndReportsNothing() {
    SimulatedDevice device = device("halted-", Behaviour.builder().latency(Duration.ofSeconds(30), Duration.ofSeconds(30)).build());
    String id = service.sendFanSpeed(device.id(), 2);
    await().atMost(Duration.ofSeconds(5)).until(() -> device.applications("job-1") == 1);
    service.cancel(device.id(), id);
    await().atMost(Duration.ofSeconds(5)).until(() -> fleet.stats().cancelsReceived() == 1);
    service.send(device.id(), id, 2);

    await().atMost(Duration.ofSeconds(5)).until(() -> device.executionsReceived() == 2);
    assertThat(device.applications("job-1")).isEqualTo(1);
    assertThat(device.reported("job-1")).isNull();
  }

  @Test
  void errorRepliesAreTalliedByCodeAndField() {
    SimulatedDevice device = device("tally-", QUICK);
    service.sendError(device.id(), new ContractViolation(ErrorCode.WRONG_TYPE, "version", "has the wrong JSON type"));
    service.sendError(device.id(), new ContractViolation(ErrorCode.WRONG_TYPE, "version", "has the wrong JSON type"));
    service.sendError(device.id(), new ContractViolation(ErrorCode.MALFORMED_JSON, null, "not JSON"));

    await().atMost(Duration.ofSeconds(5)).until(() -> fleet.stats().snapshot().errorsReceived() == 3);
    assertThat(fleet.stats().errorKinds()).containsExactly(
        java.util.Map.entry("MALFORMED_JSON", 1L), java.util.Map.entry("WRONG_TYPE version", 2L));
  }
}
