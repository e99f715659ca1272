package io.fleetjobs.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetjobs.sim.bench.BenchCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A small run of the whole benchmark ({@code device-sim bench}) in the test command, so it cannot rot: it launches
 * this build's service jar (packaged before the integration tests run) as its own process, with the simulated
 * devices in this JVM. It checks that every figure is there and the job's counts add up, never how fast anything was.
 */
class BenchSmokeIT {

  private static final Path JAR = Path.of("target", "fleet-jobs-app.jar");

  @TempDir
  Path dir;

  private JsonNode bench(String... args) throws IOException {
    assertThat(JAR).as("the service jar is packaged before the integration tests").isRegularFile();
    Path out = dir.resolve("bench.json");
    List<String> all = new ArrayList<>(List.of("--app-jar", JAR.toString(), "--app-xmx", "512m", "--rounds", "1",
        "--query-calls", "3", "--phase-timeout", "60s", "--out", out.toString()));
    all.addAll(List.of(args));
    int code = new CommandLine(new BenchCommand()).execute(all.toArray(String[]::new));
    assertThat(code).isZero();
    assertThat(out).isRegularFile();
    return new ObjectMapper().readTree(Files.readString(out));
  }

  private static void assertComplete(JsonNode result, int n) {
    JsonNode figures = result.get("figures");
    assertThat(figures.size()).isGreaterThanOrEqualTo(24);
    figures.fields().forEachRemaining(f -> assertThat(f.getValue().isNull()).as(f.getKey()).isFalse());
    JsonNode counts = result.get("job").get("counts");
    assertThat(counts.get("total").asLong()).isEqualTo(n);
    assertThat(counts.get("pending").asLong()).isZero();
    assertThat(counts.get("completed").asLong()).isEqualTo(n);
    assertThat(figures.get("purgeExecutions").asLong()).isEqualTo(2L * n); // the job and the held copy of the heap phase
    assertThat(figures.get("heapInFlight").asLong()).isEqualTo(n);
    assertThat(figures.get("rawRoundTripsPerSecond").asDouble()).isPositive();
    assertThat(result.get("table").size()).isEqualTo(figures.size());
  }

  @Test
  void theWholeBenchRunsAgainstTheLaunchedServiceWith200DirectDevices() throws IOException {
    assertComplete(bench("--devices", "200"), 200);
  }

  @Test
  void theWholeBenchRunsWithTwoGatewaysOfAHundredChildren() throws IOException {
    assertComplete(bench("--gateways", "2", "--children", "100"), 200);
  }
}
