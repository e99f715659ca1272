package io.fleetjobs.app.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetjobs.app.support.ComponentTest;
import io.fleetjobs.app.support.DevCerts;
import io.fleetjobs.app.support.TestBroker;
import io.fleetjobs.app.support.TlsClients;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * HTTPS for the API through Micronaut's own {@code micronaut.server.ssl.*}, here from the PKCS#12 keystore dev-certs
 * writes, with {@code micronaut.server.dual-protocol} keeping plain HTTP on beside it.
 */
@MicronautTest(transactional = false)
class HttpsTest extends ComponentTest {

  private final Path certs = DevCerts.write(Path.of("target", "https-test-" + UUID.randomUUID()).toAbsolutePath());
  private final int plainPort = TestBroker.freePort();

  @Inject
  EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(super.getProperties());
    try {
      properties.put("micronaut.server.ssl.key-store.password", Files.readString(certs.resolve("server.p12.password")));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    properties.put("micronaut.server.ssl.enabled", "true");
    properties.put("micronaut.server.ssl.port", "-1");
    properties.put("micronaut.server.ssl.key-store.path", "file:" + certs.resolve("server.p12"));
    properties.put("micronaut.server.ssl.key-store.type", "PKCS12");
    properties.put("micronaut.server.dual-protocol", "true");
    properties.put("micronaut.server.port", String.valueOf(plainPort));
    return properties;
  }

  @Test
  void healthAnswersOverHttpsWithTheDevCaTrusted() throws Exception {
    assertThat(server.getScheme()).isEqualTo("https");

    HttpResponse<String> health = TlsClients.get(TlsClients.https(certs.resolve("ca.pem")), "https://127.0.0.1:" + server.getPort() + "/health");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");
  }

  @Test
  void withDualProtocolPlainHttpAnswersBesideIt() throws Exception {
    HttpResponse<String> health = TlsClients.get(HttpClient.newHttpClient(), "http://127.0.0.1:" + plainPort + "/health");

    assertThat(health.statusCode()).isEqualTo(200);
  }

  @Test
  void aClientThatDoesNotTrustTheDevCaIsRefused() {
    assertThatThrownBy(() -> TlsClients.get(HttpClient.newHttpClient(), "https://127.0.0.1:" + server.getPort() + "/health"))
        .isInstanceOf(SSLHandshakeException.class);
  }
}
