package io.fleetjobs.app.mosquitto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleetjobs.app.identity.SecretHash;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.ComponentTest;
import io.fleetjobs.app.support.Fixtures;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With an external broker and {@code fleet.mqtt.mosquitto.dir}, the service keeps mosquitto's files current as
 * devices are registered, rotated, revoked and deleted, and runs the reload command after each change (here it counts
 * the reloads; {@code MosquittoExternalBrokerIT} does the same against a real mosquitto).
 */
@MicronautTest(transactional = false)
class MosquittoSyncTest extends ComponentTest {

  private static final String SERVICE_PASSWORD = "the-service-password-" + UUID.randomUUID();

  private final Path dir = Path.of("target", "mosquitto-sync-" + UUID.randomUUID()).toAbsolutePath();
  private final Path reloads = dir.resolveSibling(dir.getFileName() + ".reloads");
  private Map<String, String> properties;

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  JdbcOperations jdbc;

  @Inject
  MosquittoSync sync;

  private Api api;

  @Override
  public Map<String, String> getProperties() {
    if (properties == null) {
      properties = new HashMap<>(super.getProperties());
      properties.put("fleet.mqtt.password", SERVICE_PASSWORD);
      properties.put("fleet.mqtt.shared-group", ""); // what mosquitto wants (see AclFile)
      properties.put("fleet.mqtt.mosquitto.dir", dir.toString());
      properties.put("fleet.mqtt.mosquitto.reload-command", "echo reloaded >> '" + reloads + "'");
      properties.put("fleet.mqtt.mosquitto.resync-interval", "PT1H"); // only changes write here
    }
    return properties;
  }

  @BeforeAll
  void signIn() {
    api = Api.asAdmin(client.toBlocking());
    api.post("/api/templates", Fixtures.fridgeTemplate("fridge"));
  }

  private String file(String name) {
    try {
      return Files.readString(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long reloadCount() throws IOException {
    return Files.exists(reloads) ? Files.readAllLines(reloads).size() : 0;
  }

  private String storedHash(String deviceId) {
    return jdbc.execute(conn -> {
      try (var ps = conn.prepareStatement("SELECT secret_hash FROM device_credential WHERE device_id = ?")) {
        ps.setString(1, deviceId);
        try (var rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
  }

  private String register(String id) {
    return api.post("/api/devices", Fixtures.device(id, "fridge", "x")).body().get("credential").get("secret").asText();
  }

  @Test
  void theFilesAreWrittenAndLoadedBeforeTheServiceConnectsWithItsAccountInTheServicesFile() throws IOException {
    assertThat(reloadCount()).isPositive();
    String service = file(MosquittoFiles.SERVICE);
    assertThat(service.lines()).singleElement().satisfies(line -> assertThat(line).startsWith("service@fleet-jobs:$6$"));
    assertThat(SecretHash.matches(SERVICE_PASSWORD, PasswordFile.hashOf(service, "service@fleet-jobs").orElseThrow())).isTrue();
    assertThat(file(MosquittoFiles.DEVICES)).doesNotContain("service@fleet-jobs");
    assertThat(file(MosquittoFiles.ACL)).isEqualTo(AclFile.render("service@fleet-jobs"));
    assertThat(api.get("/health").body().at("/details/mosquitto-files/status").asText()).isEqualTo("UP");
  }

  @Test
  void aRegisteredDeviceIsInTheDevicesFileWithItsStoredHashAMomentLaterAndMosquittoIsReloaded() throws IOException {
    long before = reloadCount();
    String secret = register("sync-new");

    await().atMost(Duration.ofSeconds(10)).until(() -> file(MosquittoFiles.DEVICES).contains("sync-new:"));
    assertThat(file(MosquittoFiles.DEVICES).lines()).contains("sync-new:" + storedHash("sync-new"));
    assertThat(file(MosquittoFiles.DEVICES)).doesNotContain(secret);
    await().atMost(Duration.ofSeconds(10)).until(() -> reloadCount() > before);
  }

  @Test
  void aBulkRegistrationIsOneWriteAndOneReload() throws IOException {
    sync.sync(); // waits for any write of an earlier test; changes nothing itself
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 50; i++) {
      body.append(i == 0 ? "" : ",").append("{\"id\": \"sync-bulk-").append(i).append("\", \"template\": \"fridge\"}");
    }
    long before = reloadCount();
    assertThat(api.post("/api/devices/bulk", body.append("]").toString()).status()).isEqualTo(201);

    await().atMost(Duration.ofSeconds(10)).until(() -> file(MosquittoFiles.DEVICES).contains("sync-bulk-49:"));
    assertThat(file(MosquittoFiles.DEVICES).lines().filter(l -> l.startsWith("sync-bulk-"))).hasSize(50);
    sync.sync();
    assertThat(reloadCount()).isEqualTo(before + 1);
  }

  @Test
  void aRotatedCredentialReplacesItsLineAndARevokedOrDeletedOneLeavesTheFile() {
    register("sync-rotated");
    register("sync-revoked");
    register("sync-deleted");
    await().atMost(Duration.ofSeconds(10)).until(() -> file(MosquittoFiles.DEVICES).contains("sync-deleted:"));
    String old = storedHash("sync-rotated");

    api.post("/api/devices/sync-rotated/credential");
    api.delete("/api/devices/sync-revoked/credential");
    api.delete("/api/devices/sync-deleted");

    await().atMost(Duration.ofSeconds(10)).until(() -> !file(MosquittoFiles.DEVICES).contains("sync-deleted:"));
    List<String> lines = file(MosquittoFiles.DEVICES).lines().toList();
    assertThat(lines).contains("sync-rotated:" + storedHash("sync-rotated")).doesNotContain("sync-rotated:" + old);
    assertThat(lines).noneMatch(l -> l.startsWith("sync-revoked:"));
    // issued again after the revocation: back in
    api.post("/api/devices/sync-revoked/credential");
    await().atMost(Duration.ofSeconds(10)).until(() -> file(MosquittoFiles.DEVICES).contains("sync-revoked:" + storedHash("sync-revoked")));
  }

  @Test
  void theMosquittoFilesCommandWritesTheSameFilesFromTheDatabase() throws IOException {
    register("sync-command");
    await().atMost(Duration.ofSeconds(10)).until(() -> file(MosquittoFiles.DEVICES).contains("sync-command:"));
    Path out = dir.resolveSibling(dir.getFileName() + "-command");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ByteArrayOutputStream problems = new ByteArrayOutputStream();
    // the service's configuration: its defaults (the database's user) under the test's properties
    PropertySourcePropertyResolver configuration = new PropertySourcePropertyResolver(
        PropertySource.of("defaults", Map.of("datasources.default.username", "sa", "datasources.default.password", "")),
        PropertySource.of("test", new HashMap<>(getProperties())));

    int exit = MosquittoFilesCommand.run(List.of("--out", out.toString()), configuration,
        new PrintStream(printed, true, StandardCharsets.UTF_8), new PrintStream(problems, true, StandardCharsets.UTF_8));

    assertThat(exit).as(problems.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("wrote", MosquittoFiles.DEVICES);
    assertThat(Files.readString(out.resolve(MosquittoFiles.DEVICES))).isEqualTo(file(MosquittoFiles.DEVICES));
    assertThat(Files.readString(out.resolve(MosquittoFiles.ACL))).isEqualTo(file(MosquittoFiles.ACL));
    String service = Files.readString(out.resolve(MosquittoFiles.SERVICE));
    assertThat(SecretHash.matches(SERVICE_PASSWORD, PasswordFile.hashOf(service, "service@fleet-jobs").orElseThrow())).isTrue();
  }
}
