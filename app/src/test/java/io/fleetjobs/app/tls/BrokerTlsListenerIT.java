package io.fleetjobs.app.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.fleetjobs.app.support.DevCerts;
import io.fleetjobs.app.support.TestBroker;
import io.fleetjobs.app.support.TlsClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The TLS listener {@link BrokerListeners} configures, on a real HiveMQ CE broker, with the server certificate given
 * as PKCS#12 and a client CA. An authenticator stands in for the one that will map a certificate's CN to a device: it
 * records what the broker hands it about each connection's TLS, and lets everyone in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerTlsListenerIT {

  private final Map<String, Optional<ClientTlsInformation>> seen = new ConcurrentHashMap<>();
  private Path certs;
  private Path other;
  private int port;
  private EmbeddedHiveMQ hivemq;

  @BeforeAll
  void broker() throws Exception {
    Path root = Path.of("target", "broker-tls-it-" + ProcessHandle.current().pid()).toAbsolutePath();
    certs = DevCerts.write(root.resolve("tls"), "fridge-0001");
    other = DevCerts.write(root.resolve("other-ca"), "fridge-0001");
    port = TestBroker.freePort();
    Path conf = Files.createDirectories(root.resolve("conf"));
    TlsConfig tls = new TlsConfig(null, null, certs.resolve("server.p12"), Files.readString(certs.resolve("server.p12.password")),
        certs.resolve("ca.pem"), port, false, null);
    Files.writeString(conf.resolve("config.xml"), """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
        %s  </listeners>
          <persistence><mode>in-memory</mode></persistence>
          <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
        </hivemq>
        """.formatted(BrokerListeners.xml(tls, "127.0.0.1", TestBroker.freePort(), conf)));
    hivemq = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(conf)
        .withDataFolder(Files.createDirectories(root.resolve("data")))
        .withExtensionsFolder(Files.createDirectories(root.resolve("extensions")))
        .withEmbeddedExtension(recordingAuthenticator())
        .withoutLoggingBootstrap()
        .build();
    hivemq.start().join();
  }

  private EmbeddedExtension recordingAuthenticator() {
    return EmbeddedExtension.builder().withId("tls-probe").withName("TLS probe").withVersion("1").withAuthor("tests")
        .withPriority(0).withStartPriority(1000)
        .withExtensionMain(new ExtensionMain() {
          @Override
          public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
            Services.securityRegistry().setAuthenticatorProvider(provider -> (SimpleAuthenticator) (auth, result) -> {
              seen.put(auth.getClientInformation().getClientId(), auth.getConnectionInformation().getClientTlsInformation());
              result.authenticateSuccessfully();
            });
          }

          @Override
          public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {}
        })
        .build();
  }

  @AfterAll
  void stop() {
    hivemq.stop().join();
  }

  @Test
  void aClientCertificateSignedByTheClientCaReachesTheAuthenticatorWithTheDeviceIdAsCn() throws Exception {
    Mqtt5BlockingClient client = TlsClients.connect("fridge-0001", port,
        TlsClients.presenting(certs.resolve("ca.pem"), certs.resolve("devices/fridge-0001.p12")));
    client.disconnect();

    await().atMost(Duration.ofSeconds(5)).until(() -> seen.containsKey("fridge-0001"));
    ClientTlsInformation tls = seen.get("fridge-0001").orElseThrow();
    assertThat(tls.getClientCertificate()).isPresent();
    assertThat(tls.getClientCertificate().get().getSubjectX500Principal().getName()).isEqualTo("CN=fridge-0001,O=Fleet Jobs");
    assertThat(tls.getProtocol()).startsWith("TLSv1.");
  }

  @Test
  void aClientWithoutACertificateIsStillAcceptedOverTls() throws Exception {
    Mqtt5BlockingClient client = TlsClients.connect("no-certificate", port, TlsClients.trusting(certs.resolve("ca.pem")));
    client.disconnect();

    await().atMost(Duration.ofSeconds(5)).until(() -> seen.containsKey("no-certificate"));
    assertThat(seen.get("no-certificate").orElseThrow().getClientCertificate()).isEmpty();
  }

  @Test
  void aClientCertificateFromAnotherCaFailsTheHandshake() {
    assertThatThrownBy(() -> TlsClients.connect("impostor", port,
        TlsClients.presenting(certs.resolve("ca.pem"), other.resolve("devices/fridge-0001.p12"))));
    assertThat(seen).doesNotContainKey("impostor");
  }

  @Test
  void aClientThatDoesNotTrustTheBrokersCaFailsTheHandshake() {
    assertThatThrownBy(() -> TlsClients.connect("distrustful", port, TlsClients.trusting(other.resolve("ca.pem"))))
        .hasStackTraceContaining("SSLHandshakeException: PKIX path");
    assertThat(seen).doesNotContainKey("distrustful");
  }
}
