package io.fleetjobs.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole bench, small, against the real service jar the bench launches itself. device-sim cannot depend on the
 * service (the service's tests depend on device-sim), so the jar is looked up on disk: it runs only when
 * {@code app/target/fleet-jobs-app.jar} exists and is newer than the service's sources, and is skipped otherwise.
 * It checks that every figure is there and the job's counts add up, never how fast anything was.
 */
class BenchSmokeTest {

  private static final Path JAR = Path.of(System.getProperty("fleet.app.jar", "../app/target/fleet-jobs-app.jar"));

  @TempDir
  Path dir;

  private static void assumeFreshServiceJar() throws IOException {
    assumeTrue(Files.isRegularFile(JAR), "no service jar at " + JAR.toAbsolutePath() + ": package app first");
    Path sources = JAR.toAbsolutePath().getParent().getParent().resolve("src/main");
    FileTime jarTime = Files.getLastModifiedTime(JAR);
    try (Stream<Path> files = Files.walk(sources)) {
      boolean stale = files.filter(Files::isRegularFile).anyMatch(f -> {
        try {
          return Files.getLastModifiedTime(f).compareTo(jarTime) > 0;
        } catch (IOException e) {
          return false;
        }
      });
      assumeTrue(!stale, "the service jar is older than the service's sources: package app first");
    }
  }

  private JsonNode bench(String... args) throws IOException {
    Path out = dir.resolve("bench.json");
    List<String> all = new java.util.ArrayList<>(List.of("--app-jar", JAR.toString(), "--app-xmx", "512m", "--rounds", "1",
        "--query-calls", "3", "--phase-timeout", "45s", "--out", out.toString()));
    all.addAll(List.of(args));
    int code = new CommandLine(new BenchCommand()).execute(all.toArray(String[]::new));
    assertThat(code).isZero();
    return new ObjectMapper().readTree(out.toFile());
  }

  private static void assertComplete(JsonNode result, int n) {
    JsonNode figures = result.get("figures");
    assertThat(figures.size()).isGreaterThanOrEqualTo(24);
    figures.fields().forEachRemaining(f -> assertThat(f.getValue().isNull()).as(f.getKey()).isFalse());
    JsonNode counts = result.get("job").get("counts");
    assertThat(counts.get("total").asLong()).isEqualTo(n);
    assertThat(counts.get("pending").asLong()).isZero();
    assertThat(counts.get("completed").asLong() + counts.get("failed").asLong() + counts.get("canceled").asLong()).isEqualTo(n);
    assertThat(figures.get("purgeExecutions").asLong()).isEqualTo(2L * n); // the job and the held copy of the heap phase
    assertThat(figures.get("heapInFlight").asLong()).isEqualTo(n);
    assertThat(result.get("table").size()).isEqualTo(figures.size());
  }

  @Test
  void theWholeBenchRunsAgainstTheLaunchedServiceWith200DirectDevices() throws IOException {
    assumeFreshServiceJar();
    assertComplete(bench("--devices", "200"), 200);
  }

  @Test
  void theWholeBenchRunsWithTwoGatewaysOfAHundredChildren() throws IOException {
    assumeFreshServiceJar();
    assertComplete(bench("--gateways", "2", "--children", "100"), 200);
  }
}
