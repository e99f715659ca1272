package io.fleetjobs.app.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.app.support.DevCerts;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceClientTlsTest {

  @TempDir
  Path dir;

  private TlsConfig pem(boolean plain, Path trust) {
    return new TlsConfig(dir.resolve("server.pem"), dir.resolve("server.key"), null, null, null, 18883, plain, trust);
  }

  @BeforeEach
  void certificates() {
    DevCerts.write(dir);
  }

  @Test
  void byDefaultTheServiceConnectsPlainlyOnTheConfiguredPort() {
    ServiceClientTls.Connection connection = ServiceClientTls.connection(TlsConfig.none(), true, false, 1883);

    assertThat(connection.port()).isEqualTo(1883);
    assertThat(connection.ssl()).isNull();
  }

  @Test
  void aTlsListenerBesidePlainMqttLeavesTheServicesOwnConnectionPlain() {
    assertThat(ServiceClientTls.connection(pem(true, null), true, false, 1883).ssl()).isNull();
  }

  @Test
  void withPlainMqttOffTheServiceReachesItsEmbeddedBrokerOverTlsPinnedToItsCertificate() {
    ServiceClientTls.Connection connection = ServiceClientTls.connection(pem(false, null), true, false, 1883);

    assertThat(connection.port()).isEqualTo(18883);
    assertThat(connection.ssl()).isNotNull();
    assertThat(connection.ssl().getTrustManagerFactory()).isPresent();
    assertThat(connection.ssl().getHostnameVerifier()).isPresent(); // the pin replaces the host name check
  }

  @Test
  void anSslUrlConnectsOverTlsOnItsPortTrustingTheTrustFileWithTheHostNameChecked() {
    ServiceClientTls.Connection connection = ServiceClientTls.connection(pem(true, dir.resolve("ca.pem")), false, true, 8883);

    assertThat(connection.port()).isEqualTo(8883);
    assertThat(connection.ssl().getTrustManagerFactory()).isPresent();
    assertThat(connection.ssl().getHostnameVerifier()).isEmpty(); // the client's default: verified against the URL's host
  }

  @Test
  void anSslUrlWithoutATrustFileUsesTheJvmsTrustedCas() {
    ServiceClientTls.Connection connection = ServiceClientTls.connection(TlsConfig.none(), false, true, 8883);

    assertThat(connection.ssl().getTrustManagerFactory()).isEmpty();
    assertThat(connection.ssl().getHostnameVerifier()).isEmpty();
  }
}
