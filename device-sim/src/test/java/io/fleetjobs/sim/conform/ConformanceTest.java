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
 * Conform against devices whose behaviour is known: the simulator (which keeps the contract) passes every section
 * conform checks; devices broken on purpose fail the section they break, and the report names the fault.
 */
class ConformanceTest {

  private static final Behaviour QUICK = Behaviour.builder().latency(Duration.ofMillis(100), Duration.ofMillis(150)).seed(3).build();

  private final List<AutoCloseable> devices = new java.util.ArrayList<>();
  private String printed;

  @AfterEach
  void closeDevices() throws Exception {
    for (AutoCloseable device : devices) {
      device.close();
    }
  }

  private static ConformOptions options(String deviceId, Duration wait) {
    return new ConformOptions(deviceId, wait, Duration.ofSeconds(2), Duration.ofMillis(300), List.of(), false);
  }

  /** Runs conform for {@code deviceId} as the command does, then has the device connect, as a person would. */
  private Report conform(String deviceId, Supplier<AutoCloseable> device) throws Exception {
    ConformBroker broker = ConformTestBroker.get();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Report> report = CompletableFuture.supplyAsync(() ->
        Conformance.run(broker, options(deviceId, Duration.ofSeconds(10)), new PrintStream(out, true, StandardCharsets.UTF_8)));
    devices.add(device.get());
    Report done = report.get(60, TimeUnit.SECONDS);
    done.print(new PrintStream(out, true, StandardCharsets.UTF_8));
    printed = out.toString(StandardCharsets.UTF_8);
    System.out.println(printed);
    return done;
  }

  private static AutoCloseable simulated(String prefix, Behaviour behaviour) {
    SimulatedFleet fleet = SimulatedFleet.builder().brokerPort(ConformTestBroker.get().port()).idPrefix(prefix).count(1)
        .behaviour(behaviour).build();
    fleet.start();
    return fleet;
  }

  private static AutoCloseable scripted(String id, ScriptedDevice.Fault... faults) {
    return new ScriptedDevice(id, ConformTestBroker.get().port(), faults).connect();
  }

  private static String findings(Report report, Section section) {
    return String.join("\n", report.result(section).orElseThrow().findings());
  }

  @Test
  void aSimulatedDeviceKeepsTheContractSoEveryCheckedSectionPasses() throws Exception {
    Report report = conform("good-0000", () -> simulated("good-", QUICK));

    for (Section section : List.of(Section.CONNECTION, Section.TOPICS, Section.JSON, Section.MESSAGES, Section.LIFE,
        Section.EXECUTION, Section.DUPLICATES, Section.CANCEL, Section.ERRORS)) {
      assertThat(report.verdict(section)).as(section.label() + ": " + findings(report, section)).isEqualTo(SectionResult.Verdict.PASS);
    }
    assertThat(report.exitCode()).isZero();
    assertThat(printed).contains("Result: PASS");
  }

  @Test
  void sectionsConformCannotCheckSayWhyAndNeverPass() throws Exception {
    Report report = conform("scripted-ok", () -> scripted("scripted-ok"));

    for (Section section : List.of(Section.GATEWAYS, Section.LIMITS, Section.COAP, Section.BY_HAND, Section.SECURITY)) {
      assertThat(report.verdict(section)).isEqualTo(SectionResult.Verdict.NOT_CHECKED);
    }
    assertThat(printed).contains("§9   Gateways and child devices", "not checked (no --child given: conform checked scripted-ok as a"
        + " direct device)");
    assertThat(report.passed()).as(printed).isTrue();
  }

  @Test
  void aDeviceThatNeverConnectsFailsEveryCheckedSectionSayingSo() {
    Report report = Conformance.run(ConformTestBroker.get(), options("never-here", Duration.ofMillis(300)),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(report.verdict(Section.CONNECTION)).isEqualTo(SectionResult.Verdict.FAIL);
    assertThat(findings(report, Section.CONNECTION)).contains("the device never connected within 300ms");
    assertThat(report.results()).filteredOn(r -> r.verdict() == SectionResult.Verdict.PASS).isEmpty();
    assertThat(report.exitCode()).isEqualTo(1);
  }

  @Test
  void aDeviceThatNeverAnswersFailsHandlingAnExecutionAndTheSectionsThatNeedAnswersAreNotChecked() throws Exception {
    Report report = conform("silent-0000", () -> simulated("silent-", Behaviour.builder().silentRate(1).build()));

    assertThat(report.verdict(Section.EXECUTION)).isEqualTo(SectionResult.Verdict.FAIL);
    assertThat(findings(report, Section.EXECUTION)).contains("SETTING fanSpeed: no final update within its timeout of 2 s");
    assertThat(report.verdict(Section.DUPLICATES)).isEqualTo(SectionResult.Verdict.NOT_CHECKED);
    assertThat(report.verdict(Section.CANCEL)).isEqualTo(SectionResult.Verdict.NOT_CHECKED);
    assertThat(report.verdict(Section.LIFE)).isEqualTo(SectionResult.Verdict.PASS);
    assertThat(report.exitCode()).isEqualTo(1);
  }

  @Test
  void aDeviceThatSendsMalformedUpdatesFailsTheJsonSectionsNamingWhatTheServiceWouldRefuse() throws Exception {
    Report report = conform("bad-json-0000", () -> simulated("bad-json-", Behaviour.builder().malformedRate(1).seed(1).build()));

    String payloadFindings = findings(report, Section.JSON) + "\n" + findings(report, Section.MESSAGES);
    assertThat(payloadFindings).containsAnyOf("WRONG_TYPE (field version)", "MALFORMED_JSON", "INVALID_FIELD (field status)");
    assertThat(payloadFindings).contains("on up/execution-update");
    assertThat(report.verdict(Section.EXECUTION)).isEqualTo(SectionResult.Verdict.FAIL);
    assertThat(report.exitCode()).isEqualTo(1);
  }

  @Test
  void aDeviceThatAppliesARepeatedExecutionAgainFailsDuplicates() throws Exception {
    Report report = conform("reapplies", () -> scripted("reapplies", ScriptedDevice.Fault.REAPPLIES_REPEATS));

    assertThat(report.verdict(Section.DUPLICATES)).isEqualTo(SectionResult.Verdict.FAIL);
    assertThat(findings(report, Section.DUPLICATES))
        .contains("answered the repeat of a finished execution with IN_PROGRESS: it started the work again")
        .contains("sent a property report after the repeat of a finished execution");
    assertThat(report.verdict(Section.EXECUTION)).isEqualTo(SectionResult.Verdict.PASS);
  }

  @Test
  void aDeviceThatFinishesCanceledWorkFailsCancel() throws Exception {
    Report report = conform("ignores-cancel", () -> scripted("ignores-cancel", ScriptedDevice.Fault.IGNORES_CANCEL));

    assertThat(report.verdict(Section.CANCEL)).isEqualTo(SectionResult.Verdict.FAIL);
    assertThat(findings(report, Section.CANCEL)).contains("sent SUCCEEDED v2 after the execution was canceled while it worked on it");
    assertThat(report.verdict(Section.DUPLICATES)).isEqualTo(SectionResult.Verdict.PASS);
  }

  @Test
  void aDeviceWithoutALastWillFailsConnectionAndLife() throws Exception {
    Report report = conform("no-will", () -> scripted("no-will", ScriptedDevice.Fault.NO_LAST_WILL));

    assertThat(findings(report, Section.CONNECTION)).contains("connects without a last will; it must be an OFFLINE presence on up/presence (every connection)");
    assertThat(findings(report, Section.LIFE)).contains("after conform dropped its connection no last will (OFFLINE presence) arrived on up/presence");
    assertThat(report.verdict(Section.EXECUTION)).isEqualTo(SectionResult.Verdict.PASS);
  }

  @Test
  void aDeviceThatNeverAsksForItsPendingWorkFailsLife() throws Exception {
    Report report = conform("no-pending", () -> scripted("no-pending", ScriptedDevice.Fault.NO_PENDING_REQUEST));

    assertThat(report.verdict(Section.LIFE)).isEqualTo(SectionResult.Verdict.FAIL);
    assertThat(findings(report, Section.LIFE)).contains("after connecting, published no pending request")
        .contains("after reconnecting (connection 2), published no pending request");
    assertThat(report.verdict(Section.CONNECTION)).isEqualTo(SectionResult.Verdict.PASS);
  }
}
