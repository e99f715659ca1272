package io.fleetjobs.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bench refuses flags it cannot use with exit code 2 and says why, before launching anything. */
class BenchCommandTest {

  private static String refusal(String... args) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertThat(new CommandLine(new BenchCommand()).execute(args)).isEqualTo(2);
    } finally {
      System.setErr(original);
    }
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anAppPropertyWithoutAnEqualsSignIsRefused() {
    assertThat(refusal("--devices", "10", "--app-property", "datasources.default.url")).contains("KEY=VALUE");
  }

  @Test
  void devicesAndGatewaysTogetherAreRefused() {
    assertThat(refusal("--devices", "10", "--gateways", "2", "--children", "5")).contains("either --devices");
  }

  @Test
  void aMissingServiceJarIsRefused() {
    assertThat(refusal("--devices", "10", "--app-jar", "no/such/service.jar")).contains("No service jar");
  }

  @Test
  void phasesThatNeedTheJobAreRefusedWithoutIt() {
    assertThat(refusal("--devices", "10", "--phases", "raw,queries")).contains("queries needs job");
  }

  @Test
  void anUnknownPhaseIsRefusedNamingThePhases() {
    assertThat(refusal("--devices", "10", "--phases", "job,floods")).contains("no phase 'floods'", "raw, job, queries, heap, purge, flood, soak");
  }

  @Test
  void theSoakPhaseAndItsDurationGoTogether() {
    assertThat(refusal("--devices", "10", "--phases", "soak")).contains("--soak DURATION");
    assertThat(refusal("--devices", "10", "--soak", "5m", "--phases", "job")).contains("soak among --phases");
    assertThat(refusal("--devices", "10", "--soak", "five minutes")).contains("not a duration");
  }

  @Test
  void theDefaultPhasesArePlainThenFloodWithFloodersAndOnlyTheSoakWithASoak() {
    BenchCommand plain = parsed("--devices", "10");
    assertThat(plain.phases()).isEqualTo(Bench.Phase.STANDARD);
    BenchCommand flood = parsed("--devices", "10", "--flood", "3");
    assertThat(flood.phases()).contains(Bench.Phase.FLOOD).containsAll(Bench.Phase.STANDARD);
    assertThat(flood.floodSettings().devices()).isEqualTo(3);
    BenchCommand soak = parsed("--devices", "1000", "--soak", "5m");
    assertThat(soak.phases()).containsExactly(Bench.Phase.SOAK);
    assertThat(soak.soakSettings().warmUp()).isEqualTo(java.time.Duration.ofMinutes(1)); // a fifth of a soak under 10 min
    assertThat(soak.soakSettings().churn()).isEqualTo(10); // 1 % of the fleet
    assertThat(parsed("--devices", "10", "--soak", "30m").soakSettings().warmUp()).isEqualTo(java.time.Duration.ofMinutes(2));
  }

  private static BenchCommand parsed(String... args) {
    BenchCommand command = new BenchCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }
}
