package io.fleetjobs.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetjobs.sim.Behaviour;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {

  @TempDir
  Path dir;

  private static RunCommand parse(String... args) {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs(args);
    return run;
  }

  @Test
  void flagsBecomeTheDevicesBehaviour() throws Exception {
    Behaviour b = parse("--latency", "1..3s", "--failure-rate", "0.1", "--reject-rate", "0.2", "--silent-rate", "0.05",
        "--malformed-rate", "0.01", "--churn-every", "60s", "--churn-for", "5s", "--seed", "7", "--no-progress-updates").behaviour();
    assertThat(b.latencyMin()).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.latencyMax()).isEqualTo(Duration.ofSeconds(3));
    assertThat(b.failureRate()).isEqualTo(0.1);
    assertThat(b.rejectRate()).isEqualTo(0.2);
    assertThat(b.silentRate()).isEqualTo(0.05);
    assertThat(b.malformedRate()).isEqualTo(0.01);
    assertThat(b.churnEvery()).isEqualTo(Duration.ofSeconds(60));
    assertThat(b.churnFor()).isEqualTo(Duration.ofSeconds(5));
    assertThat(b.seed()).isEqualTo(7);
    assertThat(b.progressUpdates()).isFalse();
  }

  @Test
  void propertyReportsCanBeTurnedOff() throws Exception {
    assertThat(parse().behaviour().propertyReports()).isTrue();
    assertThat(parse("--no-property-reports").behaviour().propertyReports()).isFalse();
  }

  @Test
  void withGatewaysThereAreNoDirectDevicesUnlessCounted() {
    assertThat(parse().directCount()).isEqualTo(50);
    assertThat(parse("--gateways", "2", "--children", "10").directCount()).isZero();
    assertThat(parse("--gateways", "2", "--children", "10", "--count", "5").directCount()).isEqualTo(5);
  }

  @Test
  void withoutFlagsDevicesAnswerEverythingIn50To500Ms() throws Exception {
    Behaviour b = parse().behaviour();
    assertThat(b.latencyMin()).isEqualTo(Duration.ofMillis(50));
    assertThat(b.latencyMax()).isEqualTo(Duration.ofMillis(500));
    assertThat(b.failureRate()).isZero();
  }

  @Test
  void aJsonBehaviourFileSetsKnobsAndFlagsOverrideIt() throws Exception {
    Path file = Files.writeString(dir.resolve("b.json"), """
        {"latency": "10..20ms", "failureRate": 0.5, "rejectRate": 0.25, "churnEvery": "2m", "churnFor": "10s"}""");
    Behaviour b = parse("--behaviour-file", file.toString(), "--failure-rate", "0.1").behaviour();
    assertThat(b.latencyMin()).isEqualTo(Duration.ofMillis(10));
    assertThat(b.latencyMax()).isEqualTo(Duration.ofMillis(20));
    assertThat(b.failureRate()).isEqualTo(0.1);
    assertThat(b.rejectRate()).isEqualTo(0.25);
    assertThat(b.churnEvery()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void aPropertiesBehaviourFileWorksToo() throws Exception {
    Path file = Files.writeString(dir.resolve("b.properties"), "silentRate=1.0\nlatency=200ms\n");
    Behaviour b = parse("--behaviour-file", file.toString()).behaviour();
    assertThat(b.silentRate()).isEqualTo(1.0);
    assertThat(b.latencyMin()).isEqualTo(Duration.ofMillis(200)).isEqualTo(b.latencyMax());
  }

  @Test
  void impossibleKnobsAreRefusedWithTheirName() throws Exception {
    assertThatThrownBy(() -> parse("--failure-rate", "1.5").behaviour()).hasMessageContaining("failureRate");
    Path file = Files.writeString(dir.resolve("bad.json"), "{\"latency\": \"soon\"}");
    assertThatThrownBy(() -> parse("--behaviour-file", file.toString()).behaviour()).hasMessageContaining("latency");
  }

  @Test
  void anUnreachableBrokerEndsTheRunWithExitCode2() {
    int code = new CommandLine(new DeviceSimCommand()).execute("run", "--port", "1", "--count", "1");
    assertThat(code).isEqualTo(2);
  }

  @Test
  void overTlsTheBrokerPortDefaultsTo8883() {
    assertThat(parse().port()).isEqualTo(1883);
    assertThat(parse("--tls").port()).isEqualTo(8883);
    assertThat(parse("--tls", "--port", "18883").port()).isEqualTo(18883);
  }

  @Test
  void aCaFileOrClientCertificatesWithoutTlsAreRefused() throws Exception {
    assertThat(parse("--ca-file", "ca.pem").call()).isEqualTo(2);
    assertThat(parse("--client-cert-dir", "devices").call()).isEqualTo(2);
  }

  @Test
  void anEnrolmentTokenAndTheApiAreTwoWaysToCredentialsNotToBeGivenTogether() {
    RunCommand run = parse("--enrol-token", "fje_x", "--api", "http://127.0.0.1:1");
    assertThat(run.provisioning.enrolToken).isEqualTo("fje_x");
    assertThatThrownBy(() -> run.provisioning.secrets(java.util.List.of())).hasMessageContaining("give one");
  }

  @Test
  void gatewaysDoNotEnrolSoAGatewayWithoutACredentialIsRefusedUpFront() {
    RunCommand run = parse("--enrol-token", "fje_x", "--gateways", "1", "--children", "2");
    var plan = io.fleetjobs.sim.SimulatedFleet.builder().count(0).gateways(1).children(2).plan();
    assertThatThrownBy(() -> run.provisioning.secrets(plan)).hasMessageContaining("--api").hasMessageContaining("sim-gw-0000");
  }

  @Test
  void enrolledCredentialsAreAddedToTheCredentialsFileForTheNextRun() throws Exception {
    Path file = dir.resolve("creds.csv");
    io.fleetjobs.sim.provision.Credentials.write(file, java.util.Map.of("d-1", "s-1"));
    RunCommand run = parse("--enrol-token", "fje_x", "--credentials", file.toString());
    var plan = io.fleetjobs.sim.SimulatedFleet.builder().idPrefix("d-").count(2).plan();
    java.util.Map<String, String> known = run.provisioning.secrets(plan);
    assertThat(known).containsOnly(java.util.Map.entry("d-1", "s-1"));
    run.provisioning.keep(known, java.util.Map.of("d-0000", "s-0"));
    assertThat(io.fleetjobs.sim.provision.Credentials.read(file)).containsOnly(java.util.Map.entry("d-1", "s-1"), java.util.Map.entry("d-0000", "s-0"));
  }
}
