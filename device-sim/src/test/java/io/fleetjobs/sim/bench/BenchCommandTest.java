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
}
