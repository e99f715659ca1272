package io.fleetjobs.app.mosquitto;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mosquitto-files} without a running service: its arguments, and a database that does not exist yet. */
class MosquittoFilesCommandTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> properties, String... args) {
    return MosquittoFilesCommand.run(List.of(args), new PropertySourcePropertyResolver(PropertySource.of("test", new HashMap<>(properties))),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private Map<String, String> configured() {
    return Map.of("fleet.mqtt.password", "service-password",
        "datasources.default.url", "jdbc:h2:file:" + dir.resolve("no-such-db").toAbsolutePath(),
        "datasources.default.username", "sa", "datasources.default.password", "");
  }

  @Test
  void beforeTheServicesFirstStartItWritesTheServicesAccountAndTheAclAndCreatesNoDatabase() throws IOException {
    Path out = dir.resolve("mosquitto");

    assertThat(run(configured(), "--out", out.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();

    assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("0 device(s)", "no device credentials yet");
    assertThat(Files.readString(out.resolve(MosquittoFiles.DEVICES))).isEmpty();
    assertThat(Files.readString(out.resolve(MosquittoFiles.SERVICE))).startsWith("service@fleet-jobs:$6$");
    assertThat(Files.readString(out.resolve(MosquittoFiles.ACL))).isEqualTo(AclFile.render("service@fleet-jobs"));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("mosquitto");
    }
  }

  @Test
  void theFolderComesFromOutOrFromTheServicesOwnSetting() {
    assertThat(run(configured())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--out DIR", "fleet.mqtt.mosquitto.dir");
    Map<String, String> withDir = new HashMap<>(configured());
    withDir.put("fleet.mqtt.mosquitto.dir", dir.resolve("configured").toString());
    assertThat(run(withDir)).isZero();
    assertThat(dir.resolve("configured").resolve(MosquittoFiles.SERVICE)).isRegularFile();
  }

  @Test
  void withoutTheServicesPasswordOrWithAnUnknownArgumentItWritesNothing() {
    Map<String, String> noPassword = new HashMap<>(configured());
    noPassword.remove("fleet.mqtt.password");
    assertThat(run(noPassword, "--out", dir.resolve("a").toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("fleet.mqtt.password");
    assertThat(run(configured(), "--out")).isEqualTo(2);
    assertThat(run(configured(), "--force")).isEqualTo(2);
    assertThat(dir.resolve("a")).doesNotExist();
  }
}
