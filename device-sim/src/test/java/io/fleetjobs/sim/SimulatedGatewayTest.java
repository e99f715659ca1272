package io.fleetjobs.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.message.ExecutionUpdate;
import io.fleetjobs.contract.message.Presence;
import io.fleetjobs.contract.message.PresenceState;
import io.fleetjobs.contract.message.UpdateStatus;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gateways acting for their children over one connection, against a real broker and a fake service. */
class SimulatedGatewayTest {

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

  private SimulatedFleet gateways(String prefix, int gateways, int children, Behaviour behaviour) {
    fleet = SimulatedFleet.builder().brokerPort(TestBroker.port()).idPrefix(prefix).count(0).gateways(gateways).children(children)
        .template("fridge").gatewayTemplate("edge-box").behaviour(behaviour).build();
    fleet.start();
    return fleet;
  }

  private List<FakeService.Received> viaGateway(String gatewayId, String childId, Channel channel) {
    return service.from(childId, channel).stream().filter(r -> gatewayId.equals(r.gatewayId())).toList();
  }

  private List<ExecutionUpdate> finals(String executionId) {
    return service.updates(executionId).stream().filter(u -> u.status().isFinal()).toList();
  }

  @Test
  void aGatewayAnnouncesItselfThenEachChildOnTheChildTopicsWithThePendingRequests() {
    gateways("ann-", 2, 3, QUICK);
    assertThat(fleet.gateways()).extracting(SimulatedGateway::id).containsExactly("ann-gw-0000", "ann-gw-0001");
    assertThat(fleet.devices()).extracting(SimulatedDevice::id).startsWith("ann-gw-0000-c-0000", "ann-gw-0000-c-0001");

    await().atMost(Duration.ofSeconds(10)).until(() -> viaGateway("ann-gw-0001", "ann-gw-0001-c-0002", Channel.PENDING_REQUEST).size() == 1);
    Presence own = service.from("ann-gw-0001", Channel.PRESENCE).get(0).as(Presence.class);
    assertThat(own.template()).isEqualTo("edge-box");
    assertThat(service.from("ann-gw-0001", Channel.PRESENCE).get(0).gatewayId()).isNull();
    Presence child = viaGateway("ann-gw-0001", "ann-gw-0001-c-0002", Channel.PRESENCE).get(0).as(Presence.class);
    assertThat(child.state()).isEqualTo(PresenceState.ONLINE);
    assertThat(child.template()).isEqualTo("fridge");
    assertThat(child.attributes()).containsKey("region");
    // the children count like devices, the gateways too
    assertThat(fleet.stats().connected()).isEqualTo(8);
  }

  @Test
  void aGatewayAnswersAnExecutionForItsChildOnTheChildsTopics() {
    gateways("exe-", 1, 2, QUICK);
    String executionId = UUID.randomUUID().toString();
    service.sendToChild("exe-gw-0000", "exe-gw-0000-c-0001", executionId, 4);

    await().atMost(Duration.ofSeconds(10)).until(() -> finals(executionId).size() == 1);
    assertThat(finals(executionId).get(0).status()).isEqualTo(UpdateStatus.SUCCEEDED);
    assertThat(viaGateway("exe-gw-0000", "exe-gw-0000-c-0001", Channel.EXECUTION_UPDATE)).isNotEmpty();
    await().atMost(Duration.ofSeconds(5)).until(() -> !viaGateway("exe-gw-0000", "exe-gw-0000-c-0001", Channel.PROPERTIES).isEmpty());
    assertThat(fleet.device("exe-gw-0000-c-0001").settings().get("fanSpeed").asInt()).isEqualTo(4);
    assertThat(fleet.device("exe-gw-0000-c-0000").executionsReceived()).isZero();
    assertThat(fleet.gateway("exe-gw-0000").device().executionsReceived()).isZero();
  }

  @Test
  void aChildsRepeatedExecutionIsAnsweredAgainButNotRedone() {
    gateways("rep-", 1, 1, QUICK);
    String child = "rep-gw-0000-c-0000";
    String executionId = UUID.randomUUID().toString();
    service.sendToChild("rep-gw-0000", child, executionId, 2);
    await().atMost(Duration.ofSeconds(10)).until(() -> finals(executionId).size() == 1);
    service.sendToChild("rep-gw-0000", child, executionId, 9);

    await().atMost(Duration.ofSeconds(10)).until(() -> finals(executionId).size() == 2);
    assertThat(finals(executionId).get(1).version()).isEqualTo(finals(executionId).get(0).version());
    assertThat(fleet.device(child).settings().get("fanSpeed").asInt()).isEqualTo(2);
    assertThat(fleet.stats().snapshot().duplicates()).isEqualTo(1);
  }

  @Test
  void aCancelForAChildAbandonsItsWorkSilently() {
    gateways("can-", 1, 1, Behaviour.builder().latency(Duration.ofSeconds(30), Duration.ofSeconds(30)).build());
    String executionId = UUID.randomUUID().toString();
    service.sendToChild("can-gw-0000", "can-gw-0000-c-0000", executionId, 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> !service.updates(executionId).isEmpty());
    service.cancelChild("can-gw-0000", "can-gw-0000-c-0000", executionId);

    await().atMost(Duration.ofSeconds(5)).until(() -> fleet.stats().cancelsReceived() == 1);
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> finals(executionId).isEmpty());
  }

  @Test
  void theGatewaysLastWillFiresOnAnUngracefulDropAndItsChildrenCountOffline() {
    gateways("will-", 1, 3, QUICK);
    fleet.gateway("will-gw-0000").disconnect();

    await().atMost(Duration.ofSeconds(10)).until(() -> service.from("will-gw-0000", Channel.PRESENCE).stream()
        .anyMatch(r -> r.as(Presence.class).state() == PresenceState.OFFLINE));
    assertThat(fleet.stats().connected()).isZero();
    assertThat(fleet.device("will-gw-0000-c-0001").isConnected()).isFalse();
  }

  @Test
  void aReconnectedGatewayAnnouncesItsChildrenAgain() {
    gateways("back-", 1, 3, QUICK);
    await().atMost(Duration.ofSeconds(10)).until(() -> viaGateway("back-gw-0000", "back-gw-0000-c-0002", Channel.PENDING_REQUEST).size() == 1);
    fleet.gateway("back-gw-0000").reconnect().join();

    await().atMost(Duration.ofSeconds(10)).until(() -> viaGateway("back-gw-0000", "back-gw-0000-c-0002", Channel.PENDING_REQUEST).size() == 2);
    assertThat(service.from("back-gw-0000", Channel.PRESENCE).stream().map(r -> r.as(Presence.class).state()))
        .containsExactly(PresenceState.ONLINE, PresenceState.OFFLINE, PresenceState.ONLINE);
    assertThat(viaGateway("back-gw-0000", "back-gw-0000-c-0002", Channel.PRESENCE)).hasSize(2);
    assertThat(fleet.stats().connected()).isEqualTo(4);
    // and its children still work after it
    String executionId = UUID.randomUUID().toString();
    service.sendToChild("back-gw-0000", "back-gw-0000-c-0002", executionId, 3);
    await().atMost(Duration.ofSeconds(10)).until(() -> finals(executionId).size() == 1);
  }

  @Test
  void aChildThatLeavesItsGatewayIsSaidOfflineAndComesBackAnnounced() {
    gateways("leave-", 1, 2, QUICK);
    SimulatedDevice child = fleet.device("leave-gw-0000-c-0000");
    child.disconnect();
    await().atMost(Duration.ofSeconds(10)).until(() -> viaGateway("leave-gw-0000", child.id(), Channel.PRESENCE).stream()
        .anyMatch(r -> r.as(Presence.class).state() == PresenceState.OFFLINE));
    assertThat(child.isConnected()).isFalse();

    child.connect().join();
    await().atMost(Duration.ofSeconds(10)).until(() -> viaGateway("leave-gw-0000", child.id(), Channel.PENDING_REQUEST).size() == 2);
    assertThat(child.isConnected()).isTrue();
  }

  @Test
  void heldExecutionsAreTakenButNeverAnsweredUntilTheHoldIsLifted() {
    gateways("hold-", 1, 1, QUICK.toBuilder().progressUpdates(false).build());
    fleet.hold(true);
    String held = UUID.randomUUID().toString();
    service.sendToChild("hold-gw-0000", "hold-gw-0000-c-0000", held, 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> fleet.stats().snapshot().held() == 1);
    fleet.hold(false);
    String answered = UUID.randomUUID().toString();
    service.sendToChild("hold-gw-0000", "hold-gw-0000-c-0000", answered, 2);

    await().atMost(Duration.ofSeconds(10)).until(() -> finals(answered).size() == 1);
    assertThat(service.updates(held)).isEmpty();
  }

  @Test
  void directDevicesAndGatewaysMixInOneFleet() {
    fleet = SimulatedFleet.builder().brokerPort(TestBroker.port()).idPrefix("mix-").count(2).gateways(1).children(2)
        .behaviour(QUICK).build();
    fleet.start();
    assertThat(fleet.devices()).extracting(SimulatedDevice::id)
        .containsExactly("mix-0000", "mix-0001", "mix-gw-0000-c-0000", "mix-gw-0000-c-0001");
    assertThat(fleet.stats().connected()).isEqualTo(5);
  }
}
