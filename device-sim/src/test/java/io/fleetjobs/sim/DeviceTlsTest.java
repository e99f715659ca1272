package io.fleetjobs.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The devices' TLS against a plain JDK TLS server on loopback standing in for the broker: it completes the handshake,
 * records which client certificate it saw, and hangs up (the MQTT connect then fails, which is not what is tested).
 */
class DeviceTlsTest {

  @TempDir
  Path dir;

  private TestCertificates certificates;
  private SSLServerSocket server;
  private final CompletableFuture<String> clientSubject = new CompletableFuture<>();

  @BeforeEach
  void tlsServer() throws Exception {
    certificates = new TestCertificates("device-sim test CA");
    server = (SSLServerSocket) certificates.serverContext().getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
    server.setWantClientAuth(true); // like the broker with a client CA: a certificate is optional
    Thread acceptor = new Thread(() -> {
      try (SSLSocket socket = (SSLSocket) server.accept()) {
        socket.startHandshake();
        var session = socket.getSession();
        clientSubject.complete(session.getPeerPrincipal() == null ? "none"
            : ((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName());
      } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
        clientSubject.complete("none");
      } catch (Exception e) {
        clientSubject.completeExceptionally(e);
      }
    }, "tls-test-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void close() throws Exception {
    server.close();
  }

  private CompletableFuture<?> connect(MqttClientSslConfig ssl) {
    return Mqtt5Client.builder().identifier("tls-test").serverHost("127.0.0.1").serverPort(server.getLocalPort()).sslConfig(ssl)
        .buildAsync().connect();
  }

  @Test
  void aDeviceVerifiesTheBrokerAgainstTheCaFileAndPresentsItsOwnClientCertificate() throws Exception {
    Path ca = certificates.writeCa(dir);
    certificates.writeClient(dir.resolve("devices"), "sim-0007");

    connect(DeviceTls.of(ca, dir.resolve("devices")).forClient("sim-0007"));

    assertThat(clientSubject.get(10, TimeUnit.SECONDS)).isEqualTo("CN=sim-0007");
  }

  @Test
  void withoutAClientCertificateFolderTheDevicePresentsNone() throws Exception {
    connect(DeviceTls.of(certificates.writeCa(dir), null).forClient("sim-0007"));

    assertThat(clientSubject.get(10, TimeUnit.SECONDS)).isEqualTo("none");
  }

  @Test
  void aBrokerCertificateFromAnotherCaFailsTheHandshake() throws Exception {
    Path otherCa = new TestCertificates("another CA").writeCa(dir.resolve("other"));

    CompletableFuture<?> connect = connect(DeviceTls.of(otherCa, null).forClient("sim-0007"));

    await().atMost(Duration.ofSeconds(10)).until(connect::isDone);
    assertThat(connect).isCompletedExceptionally();
    assertThatThrownBy(connect::join).hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class)
        .hasMessageContaining(SSLHandshakeException.class.getName()).hasMessageContaining("PKIX path building failed");
  }

  @Test
  void aBrokerCertificateForAnotherHostNameFailsTheHandshake() throws Exception {
    MqttClientSslConfig ssl = DeviceTls.of(certificates.writeCa(dir), null).forClient("sim-0007");
    // the certificate names 127.0.0.1 only; the same address, reached as "localhost"
    var address = new java.net.InetSocketAddress(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}), server.getLocalPort());

    CompletableFuture<?> connect = Mqtt5Client.builder().identifier("tls-test").serverAddress(address).sslConfig(ssl).buildAsync().connect();

    await().atMost(Duration.ofSeconds(10)).until(connect::isDone);
    assertThatThrownBy(connect::join).hasMessageContaining("SSLHandshakeException: No name matching localhost found");
  }

  @Test
  void aMissingClientCertificateFailsTheFleetsBuildNamingTheFile() throws Exception {
    Path ca = certificates.writeCa(dir);
    certificates.writeClient(dir.resolve("devices"), "x-0000");
    SimulatedFleet.Builder builder = SimulatedFleet.builder().idPrefix("x-").count(2).tls(true).caFile(ca).clientCertDir(dir.resolve("devices"));

    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x-0001.pem");
  }

  @Test
  void aKeyInAnOlderFormIsRefusedSayingHowToConvertIt() throws Exception {
    Path ca = certificates.writeCa(dir);
    certificates.writeClient(dir.resolve("devices"), "d1");
    Path key = dir.resolve("devices/d1.key");
    Files.writeString(key, Files.readString(key).replace("PRIVATE KEY", "EC PRIVATE KEY"));

    assertThatThrownBy(() -> DeviceTls.of(ca, dir.resolve("devices")).forClient("d1"))
        .hasMessageContaining("no unencrypted PKCS#8 key").hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
  }

  @Test
  void caFileAndClientCertificatesNeedTlsAndTlsIsForMqttOnly() {
    assertThatThrownBy(() -> SimulatedFleet.builder().caFile(dir.resolve("ca.pem")).build())
        .hasMessageContaining("caFile and clientCertDir need tls(true)");
    assertThatThrownBy(() -> SimulatedFleet.builder().tls(true).protocol(SimulatedDevice.Protocol.COAP).build())
        .hasMessageContaining("tls is for MQTT devices");
  }
}
