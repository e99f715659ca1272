package io.fleetjobs.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.TestConfig;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** First start: no default password; a generated one, printed once and kept in an owner-only file until changed. */
class InitialAdminTest {

  @Test
  void theFirstStartCreatesAnAdminWithAGeneratedPasswordPrintedOnceAndKeptInAnOwnerOnlyFile() throws Exception {
    Map<String, String> properties = TestConfig.properties();
    properties.remove("fleet.security.initial-admin-password");
    Path dir = Path.of(properties.get("fleet.security.data-dir"));
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    ((Logger) LoggerFactory.getLogger(InitialAdmin.class)).addAppender(log);

    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.copyOf(properties));
        HttpClient http = HttpClient.create(server.getURL())) {
      Path file = dir.resolve(InitialAdminFile.NAME);
      String password = Files.readString(file).trim();
      assertThat(password).hasSize(20);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
      assertThat(log.list).hasSize(1);
      assertThat(log.list.get(0).getFormattedMessage()).contains(password).contains(file.toAbsolutePath().normalize().toString());

      Api admin = Api.signIn(http.toBlocking(), "admin", password);
      assertThat(admin.put("/api/users/admin/password", "{\"currentPassword\": \"" + password + "\", \"newPassword\": \"my-own-admin-password\"}")
          .status()).isEqualTo(200);
      assertThat(file).doesNotExist();
    }
    // a second start with users in the database creates nobody and prints nothing
    try (EmbeddedServer again = ApplicationContext.run(EmbeddedServer.class, Map.copyOf(properties))) {
      assertThat(log.list).hasSize(1);
      assertThat(dir.resolve(InitialAdminFile.NAME)).doesNotExist();
    }
  }
}
