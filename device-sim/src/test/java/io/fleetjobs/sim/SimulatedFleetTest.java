package io.fleetjobs.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.ErrorCode;
import io.fleetjobs.contract.message.ContractError;
import io.fleetjobs.contract.message.ExecutionUpdate;
import io.fleetjobs.contract.message.Presence;
import io.fleetjobs.contract.message.PresenceState;
import io.fleetjobs.contract.message.PropertyReport;
import io.fleetjobs.contract.message.UpdateStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Simulated devices against a real broker, with a fake service on the other side. */
class SimulatedFleetTest {

  private static final Behaviour QUICK = Behaviour.builder().latency(Duration.ofMillis(1), Duration.ofMillis(10)).build();

  private FakeService service;
  private SimulatedFleet fleet;

  @BeforeEach
  void fakeService() {
    service = new FakeService(TestBroker.port());
  }

  @AfterEach
  void close() {
    if (fleet != null) {
      fleet.close();
    }
    service.close();
  }

  private SimulatedFleet fleet(String prefix, int count, Behaviour behaviour) {
    fleet = SimulatedFleet.builder().brokerPort(TestBroker.port()).idPrefix(prefix).count(count).behaviour(behaviour).build();
    fleet.start();
    return fleet;
  }

  private ExecutionUpdate awaitFinal(String executionId) {
    await().atMost(Duration.ofSeconds(10)).until(() -> service.updates(executionId).stream().anyMatch(u -> u.status().isFinal()));
    return service.updates(executionId).stream().filter(u -> u.status().isFinal()).findFirst().orElseThrow();
  }

  @Test
  void devicesAnnounceThemselvesThenAskForPendingWork() {
    fleet("hello-", 3, QUICK);
    await().atMost(Duration.ofSeconds(10)).until(() -> service.from("hello-0002", Channel.PENDING_REQUEST).size() == 1);
    Presence birth = service.from("hello-0002", Channel.PRESENCE).get(0).as(Presence.class);
    assertThat(birth.state()).isEqualTo(PresenceState.ONLINE);
    assertThat(birth.template()).isEqualTo("vending-fridge");
    assertThat(birth.attributes()).containsEntry("region", "east");
    assertThat(fleet.stats().connected()).isEqualTo(3);
  }

  @Test
  void anExecutionIsAppliedAndAnsweredWithGrowingVersionsAndAPropertyReport() {
    fleet("ok-", 1, QUICK);
    String id = service.sendFanSpeed("ok-0000", 4);

    ExecutionUpdate done = awaitFinal(id);
    assertThat(done.status()).isEqualTo(UpdateStatus.SUCCEEDED);
    List<ExecutionUpdate> updates = service.updates(id);
    assertThat(updates.get(0).status()).isEqualTo(UpdateStatus.IN_PROGRESS);
    assertThat(updates.get(0).version()).isLessThan(done.version());
    assertThat(fleet.device("ok-0000").settings().get("fanSpeed").asInt()).isEqualTo(4);
    assertThat(fleet.device("ok-0000").finalUpdatesSent()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> !service.from("ok-0000", Channel.PROPERTIES).isEmpty());
    PropertyReport report = service.from("ok-0000", Channel.PROPERTIES).get(0).as(PropertyReport.class);
    assertThat(report.properties().get("fanSpeed").asInt()).isEqualTo(4);
  }

  @Test
  void aRepeatedExecutionIsAnsweredAgainButNotReapplied() {
    fleet("dup-", 1, QUICK);
    String id = service.sendFanSpeed("dup-0000", 2);
    ExecutionUpdate first = awaitFinal(id);
    service.send("dup-0000", id, 9); // same executionId, different content: must not be applied

    await().atMost(Duration.ofSeconds(5)).until(() -> service.updates(id).stream().filter(u -> u.status().isFinal()).count() == 2);
    ExecutionUpdate again = service.updates(id).stream().filter(u -> u.status().isFinal()).skip(1).findFirst().orElseThrow();
    assertThat(again.version()).isEqualTo(first.version());
    assertThat(fleet.device("dup-0000").settings().get("fanSpeed").asInt()).isEqualTo(2);
    assertThat(fleet.stats().snapshot().duplicates()).isEqualTo(1);
    assertThat(fleet.device("dup-0000").finalUpdatesSent()).isEqualTo(2);
  }

  @Test
  void aRepeatOfWorkInProgressIsAnsweredWithTheSameProgressAndTheWorkIsDoneOnce() {
    fleet("busy-", 1, Behaviour.builder().latency(Duration.ofMillis(800), Duration.ofMillis(800)).build());
    String id = service.sendFanSpeed("busy-0000", 5);
    await().atMost(Duration.ofSeconds(5)).until(() -> service.updates(id).size() == 1);
    service.send("busy-0000", id, 6);

    await().atMost(Duration.ofSeconds(5)).until(() -> service.updates(id).size() == 2);
    assertThat(service.updates(id)).allSatisfy(u -> {
      assertThat(u.status()).isEqualTo(UpdateStatus.IN_PROGRESS);
      assertThat(u.version()).isEqualTo(1);
    });
    ExecutionUpdate done = awaitFinal(id);
    assertThat(done.version()).isEqualTo(2);
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
        .until(() -> service.updates(id).stream().filter(u -> u.status().isFinal()).count() == 1);
    assertThat(fleet.device("busy-0000").settings().get("fanSpeed").asInt()).isEqualTo(5);
  }

  @Test
  void failureAndRejectRatesGiveThoseOutcomesWithAnError() {
    fleet = SimulatedFleet.builder().brokerPort(TestBroker.port()).idPrefix("bad-").count(2)
        .behaviourFor(id -> id.endsWith("0") ? QUICK.toBuilder().failureRate(1).build() : QUICK.toBuilder().rejectRate(1).build())
        .build();
    fleet.start();
    ExecutionUpdate failed = awaitFinal(service.sendFanSpeed("bad-0000", 1));
    ExecutionUpdate rejected = awaitFinal(service.sendFanSpeed("bad-0001", 1));
    assertThat(failed.status()).isEqualTo(UpdateStatus.FAILED);
    assertThat(failed.error().code()).isEqualTo("SIMULATED_FAILURE");
    assertThat(rejected.status()).isEqualTo(UpdateStatus.REJECTED);
    assertThat(rejected.error().code()).isEqualTo("NOT_APPLICABLE");
  }

  @Test
  void aSilentDeviceNeverAnswers() {
    fleet("quiet-", 1, Behaviour.builder().silentRate(1).latency(Duration.ZERO, Duration.ZERO).build());
    String id = service.sendFanSpeed("quiet-0000", 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> fleet.stats().snapshot().silent() == 1);
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> service.updates(id).isEmpty());
  }

  @Test
  void aCancelStopsWorkInProgress() {
    fleet("cancel-", 1, Behaviour.builder().latency(Duration.ofSeconds(30), Duration.ofSeconds(30)).build());
    String id = service.sendFanSpeed("cancel-0000", 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> !service.updates(id).isEmpty());
    service.cancel("cancel-0000", id);
    await().atMost(Duration.ofSeconds(5)).until(() -> fleet.stats().cancelsReceived() == 1);
    // abandoned work is not reported: the execution stays Canceled on the service's side
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
        .until(() -> service.updates(id).stream().noneMatch(u -> u.status().isFinal()));
    assertThat(fleet.device("cancel-0000").settings()).doesNotContainKey("fanSpeed");
  }

  @Test
  void anUngracefulDisconnectFiresTheLastWillAndAReconnectAnnouncesAgain() {
    fleet("churn-", 1, QUICK);
    SimulatedDevice device = fleet.device("churn-0000");
    device.disconnect();
    await().atMost(Duration.ofSeconds(10)).until(() -> service.from("churn-0000", Channel.PRESENCE).stream()
        .anyMatch(r -> r.as(Presence.class).state() == PresenceState.OFFLINE));
    device.connect().join();
    await().atMost(Duration.ofSeconds(10)).until(() -> service.from("churn-0000", Channel.PENDING_REQUEST).size() == 2);
    assertThat(service.from("churn-0000", Channel.PRESENCE).stream().map(r -> r.as(Presence.class).state()))
        .containsExactly(PresenceState.ONLINE, PresenceState.OFFLINE, PresenceState.ONLINE);
    // and it still works after reconnecting
    assertThat(awaitFinal(service.sendFanSpeed("churn-0000", 3)).status()).isEqualTo(UpdateStatus.SUCCEEDED);
  }

  @Test
  void aMalformedRateSendsMessagesTheContractRejects() {
    fleet("broken-", 1, QUICK.toBuilder().malformedRate(1).build());
    for (int speed = 1; speed <= 6; speed++) {
      service.sendFanSpeed("broken-0000", speed);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> service.from("broken-0000", Channel.EXECUTION_UPDATE).size() == 6);
    assertThat(service.from("broken-0000", Channel.EXECUTION_UPDATE)).allSatisfy(r ->
        assertThatThrownBy(() -> ContractJson.decode(r.payload(), ExecutionUpdate.class)).isInstanceOf(ContractViolation.class));
    assertThat(fleet.device("broken-0000").finalUpdatesSent()).isZero();
    assertThat(fleet.stats().snapshot().malformed()).isEqualTo(6);
  }

  @Test
  void errorRepliesFromTheServiceAreCountedAndKept() {
    fleet("told-", 1, QUICK);
    service.sendError("told-0000", new ContractViolation(ErrorCode.WRONG_TYPE, "version", "has the wrong JSON type"));
    await().atMost(Duration.ofSeconds(5)).until(() -> fleet.stats().snapshot().errorsReceived() == 1);
    ContractError error = fleet.device("told-0000").errorsReceived().get(0);
    assertThat(error.code()).isEqualTo(ErrorCode.WRONG_TYPE);
    assertThat(error.field()).isEqualTo("version");
  }

  @Test
  void aDeviceTheBrokerDropsReconnectsByItselfAndAnnouncesAgain() {
    fleet("auto-", 1, QUICK);
    service.takeOverSession("auto-0000");
    await().atMost(Duration.ofSeconds(10)).until(() -> service.from("auto-0000", Channel.PENDING_REQUEST).size() == 2);
    assertThat(service.from("auto-0000", Channel.PRESENCE).stream().map(r -> r.as(Presence.class).state()))
        .containsExactly(PresenceState.ONLINE, PresenceState.OFFLINE, PresenceState.ONLINE);
    await().atMost(Duration.ofSeconds(5)).until(() -> fleet.device("auto-0000").isConnected());

    assertThat(awaitFinal(service.sendFanSpeed("auto-0000", 3)).status()).isEqualTo(UpdateStatus.SUCCEEDED);
    // subscribed once after the reconnect, not twice: each message arrives once
    assertThat(fleet.device("auto-0000").executionsReceived()).isEqualTo(1);
  }

  @Test
  void reconnectDropsTheConnectionAndAnnouncesAgain() {
    fleet("again-", 1, QUICK);
    fleet.device("again-0000").reconnect().join();
    await().atMost(Duration.ofSeconds(10)).until(() -> service.from("again-0000", Channel.PENDING_REQUEST).size() == 2);
    assertThat(service.from("again-0000", Channel.PRESENCE).stream().map(r -> r.as(Presence.class).state()))
        .containsExactly(PresenceState.ONLINE, PresenceState.OFFLINE, PresenceState.ONLINE);
  }

  @Test
  void churningDevicesDropAndComeBackByThemselves() {
    fleet("flaky-", 2, QUICK.toBuilder().churn(Duration.ofMillis(300), Duration.ofMillis(100)).build());
    await().atMost(Duration.ofSeconds(10)).until(() -> service.from("flaky-0001", Channel.PENDING_REQUEST).size() >= 3);
    assertThat(service.from("flaky-0001", Channel.PRESENCE).stream().map(r -> r.as(Presence.class).state()))
        .startsWith(PresenceState.ONLINE, PresenceState.OFFLINE, PresenceState.ONLINE);
  }

  @Test
  void closingTheFleetSaysOfflineForEveryDevice() {
    fleet("bye-", 3, QUICK).close();
    fleet = null;
    await().atMost(Duration.ofSeconds(5)).until(() -> service.received.stream()
        .filter(r -> r.channel() == Channel.PRESENCE && r.as(Presence.class).state() == PresenceState.OFFLINE).count() == 3);
  }

  @Test
  void hundredsOfDevicesConnectInParallelWithinSeconds() {
    long started = System.nanoTime();
    fleet("many-", 500, QUICK);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    assertThat(fleet.stats().connected()).isEqualTo(500);
    await().atMost(Duration.ofSeconds(10)).until(() -> service.received.stream()
        .filter(r -> r.channel() == Channel.PENDING_REQUEST).count() == 500);
  }

  @Test
  void idsAreThePrefixAndAZeroPaddedIndex() {
    fleet = SimulatedFleet.builder().brokerPort(TestBroker.port()).idPrefix("x-").count(3).startIndex(9998).build();
    // all ids of a fleet have the same width: that of the largest index, at least 4 digits
    assertThat(fleet.devices().stream().map(SimulatedDevice::id)).containsExactly("x-09998", "x-09999", "x-10000");
    assertThat(SimulatedFleet.builder().idPrefix("s-").count(2).build().devices().get(1).id()).isEqualTo("s-0001");
  }

  @Test
  void aDeviceWithoutASecretEnrolsFirstThenConnectsAnnouncesItselfAndKeepsItsSecret() {
    java.util.Map<String, String> enrolled = new java.util.concurrent.ConcurrentHashMap<>();
    fleet = SimulatedFleet.builder().brokerPort(TestBroker.port()).idPrefix("enrol-").count(3).behaviour(QUICK)
        .attributes(i -> java.util.Map.of("region", "r" + i))
        .credentials(java.util.Map.of("enrol-0002", "known-secret"))
        .enrolToken("fje_test-token").onEnrolled(enrolled::put).build();
    fleet.start();
    assertThat(enrolled).containsOnly(java.util.Map.entry("enrol-0000", FakeService.secretOf("enrol-0000")),
        java.util.Map.entry("enrol-0001", FakeService.secretOf("enrol-0001")));
    io.fleetjobs.contract.message.EnrolmentRequest request = service.from("enrol-0001", Channel.ENROLMENT_REQUEST).get(0)
        .as(io.fleetjobs.contract.message.EnrolmentRequest.class);
    assertThat(request.attributes()).containsEntry("region", "r1");
    assertThat(service.from("enrol-0002", Channel.ENROLMENT_REQUEST)).as("a device with a secret does not enrol").isEmpty();
    await().atMost(Duration.ofSeconds(10)).until(() -> service.from("enrol-0000", Channel.PENDING_REQUEST).size() == 1);

    // a reconnect is an ordinary one: no second enrolment
    fleet.device("enrol-0000").reconnect().join();
    await().atMost(Duration.ofSeconds(10)).until(() -> service.from("enrol-0000", Channel.PENDING_REQUEST).size() == 2);
    assertThat(service.from("enrol-0000", Channel.ENROLMENT_REQUEST)).hasSize(1);
  }

  @Test
  void aRefusedEnrolmentFailsTheStartNamingTheDeviceAndTheServicesReason() {
    service.refuseEnrolment.add("refused-0000");
    fleet = SimulatedFleet.builder().brokerPort(TestBroker.port()).idPrefix("refused-").count(1).behaviour(QUICK)
        .enrolToken("fje_test-token").connectTimeout(Duration.ofSeconds(10)).build();
    assertThatThrownBy(fleet::start).hasMessageContaining("refused-0000").hasMessageContaining("ENROLMENT_REFUSED");
  }

  @Test
  void coapDevicesCannotEnrol() {
    assertThatThrownBy(() -> SimulatedFleet.builder().protocol(SimulatedDevice.Protocol.COAP).enrolToken("fje_x").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("over MQTT");
  }
}
