package io.fleetjobs.sim.conform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.SimulatedFleet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Conform against gateways (§9): the simulator's gateway with two children passes every section conform checks;
 * gateways broken on purpose fail §9, and the report names the fault.
 */
class GatewayConformanceTest {

  private static final Behaviour QUICK = Behaviour.builder().latency(Duration.ofMillis(100), Duration.ofMillis(150)).seed(5).build();

  private final List<AutoCloseable> devices = new java.util.ArrayList<>();

  @AfterEach
  void closeDevices() throws Exception {
    for (AutoCloseable device : devices) {
      device.close();
    }
  }

  /** Runs conform for gateway {@code gatewayId} and its children, then has the gateway connect, as a person would. */
  private Report conform(String gatewayId, List<String> children, Supplier<AutoCloseable> gateway) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ConformOptions options = new ConformOptions(gatewayId, Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMillis(300),
        List.of(), false, children);
    CompletableFuture<Report> report = CompletableFuture.supplyAsync(() ->
        Conformance.run(ConformTestBroker.get(), options, new PrintStream(out, true, StandardCharsets.UTF_8)));
    devices.add(gateway.get());
    Report done = report.get(90, TimeUnit.SECONDS);
    done.print(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.out.println(out.toString(StandardCharsets.UTF_8));
    return done;
  }

  private Report scripted(String gatewayId, ScriptedGateway.Fault fault) throws Exception {
    List<String> children = List.of(gatewayId + "-c1", gatewayId + "-c2");
    return conform(gatewayId, children, () -> new ScriptedGateway(gatewayId, ConformTestBroker.get().port(), children, fault).connect());
  }

  private static String findings(Report report, Section section) {
    return String.join("\n", report.result(section).orElseThrow().findings());
  }

  @Test
  void aSimulatedGatewayWithTwoChildrenKeepsTheContractSoGatewaysAndEveryOtherCheckedSectionPass() throws Exception {
    Report report = conform("gwsim-gw-0000", List.of("gwsim-gw-0000-c-0000", "gwsim-gw-0000-c-0001"), () -> {
      SimulatedFleet fleet = SimulatedFleet.builder().brokerPort(ConformTestBroker.get().port()).idPrefix("gwsim-").count(0)
          .gateways(1).children(2).behaviour(QUICK).build();
      fleet.start();
      return fleet;
    });

    for (Section section : List.of(Section.CONNECTION, Section.TOPICS, Section.JSON, Section.MESSAGES, Section.LIFE,
        Section.EXECUTION, Section.DUPLICATES, Section.CANCEL, Section.GATEWAYS, Section.ERRORS)) {
      assertThat(report.verdict(section)).as(section.label() + ": " + findings(report, section)).isEqualTo(SectionResult.Verdict.PASS);
    }
    assertThat(report.exitCode()).isZero();
  }

  @Test
  void aGatewayThatDoesNotSubscribeToItsChildrensTopicsFailsGatewaysAndItsChildrenGetNoAnswer() throws Exception {
    Report report = scripted("sg-nosub", ScriptedGateway.Fault.NO_CHILD_SUBSCRIPTION);

    assertThat(report.verdict(Section.GATEWAYS)).isEqualTo(SectionResult.Verdict.FAIL);
    assertThat(findings(report, Section.GATEWAYS))
        .contains("after connecting, did not subscribe to fleet/v1/gateways/sg-nosub/devices/+/down/#")
        .contains("child sg-nosub-c1's execution of SETTING fanSpeed: no final update within its timeout of 2 s");
    assertThat(report.verdict(Section.EXECUTION)).isEqualTo(SectionResult.Verdict.PASS);
  }

  @Test
  void aGatewayThatAnnouncesItsChildrenBeforeItselfFailsGateways() throws Exception {
    Report report = scripted("sg-early", ScriptedGateway.Fault.CHILDREN_BEFORE_ITSELF);

    assertThat(report.verdict(Section.GATEWAYS)).isEqualTo(SectionResult.Verdict.FAIL);
    assertThat(findings(report, Section.GATEWAYS))
        .contains("after connecting, announced child sg-early-c1 before its own ONLINE presence")
        .contains("after reconnecting (connection 2), announced child sg-early-c2 before its own ONLINE presence");
    assertThat(report.verdict(Section.LIFE)).isEqualTo(SectionResult.Verdict.PASS);
  }

  @Test
  void aGatewayThatNeverSaysItIsOnlineFailsGatewaysForEachChildItAnnounces() throws Exception {
    Report report = scripted("sg-unborn", ScriptedGateway.Fault.NO_OWN_BIRTH);

    assertThat(report.verdict(Section.GATEWAYS)).isEqualTo(SectionResult.Verdict.FAIL);
    assertThat(findings(report, Section.GATEWAYS))
        .contains("after connecting, announced child sg-unborn-c1 though it published no ONLINE presence of its own");
    assertThat(findings(report, Section.LIFE)).contains("after connecting, published no ONLINE presence");
  }

  @Test
  void aGatewayThatAnswersAChildsExecutionOnItsOwnTopicFailsGateways() throws Exception {
    Report report = scripted("sg-own", ScriptedGateway.Fault.ANSWERS_CHILDREN_AS_ITSELF);

    assertThat(report.verdict(Section.GATEWAYS)).isEqualTo(SectionResult.Verdict.FAIL);
    assertThat(findings(report, Section.GATEWAYS))
        .contains("answered child sg-own-c2's execution on fleet/v1/devices/sg-own/up/execution-update")
        .contains("UNKNOWN_EXECUTION");
  }

  @Test
  void aGatewayWhoseChildFinishesCanceledWorkFailsGatewaysWhileItsOwnCancelPasses() throws Exception {
    Report report = scripted("sg-cancel", ScriptedGateway.Fault.IGNORES_CHILD_CANCELS);

    assertThat(report.verdict(Section.GATEWAYS)).isEqualTo(SectionResult.Verdict.FAIL);
    assertThat(findings(report, Section.GATEWAYS))
        .contains("child sg-cancel-c1: sent SUCCEEDED v2 after the execution was canceled while it worked on it");
    assertThat(report.verdict(Section.CANCEL)).isEqualTo(SectionResult.Verdict.PASS);
  }

  @Test
  void aGatewayThatDoesNotAnnounceItsChildrenAgainAfterAReconnectFailsGateways() throws Exception {
    Report report = scripted("sg-forgets", ScriptedGateway.Fault.FORGETS_CHILDREN_ON_RECONNECT);

    assertThat(report.verdict(Section.GATEWAYS)).isEqualTo(SectionResult.Verdict.FAIL);
    assertThat(findings(report, Section.GATEWAYS))
        .contains("after reconnecting (connection 2), did not announce child sg-forgets-c1 (no ONLINE presence on its up/presence)")
        .contains("after reconnecting (connection 2), published no pending request for child sg-forgets-c2")
        .doesNotContain("after connecting,");
    assertThat(report.verdict(Section.LIFE)).isEqualTo(SectionResult.Verdict.PASS);
  }
}
