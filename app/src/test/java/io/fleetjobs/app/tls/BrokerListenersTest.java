package io.fleetjobs.app.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.app.support.DevCerts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerListenersTest {

  @TempDir
  Path dir;

  private Path certs;
  private Path conf;

  @BeforeEach
  void certificates() throws Exception {
    certs = DevCerts.write(dir.resolve("tls"));
    conf = Files.createDirectories(dir.resolve("conf"));
  }

  private TlsConfig tls(boolean plain, Path clientCa) {
    return new TlsConfig(certs.resolve("server.pem"), certs.resolve("server.key"), null, null, clientCa, 18883, plain, null);
  }

  @Test
  void withoutTlsOnlyThePlainListenerIsConfigured() {
    String xml = BrokerListeners.xml(TlsConfig.none(), "127.0.0.1", 1883, conf);

    assertThat(xml).contains("<tcp-listener>").contains("<port>1883</port>").doesNotContain("tls");
    assertThat(conf).isEmptyDirectory();
    assertThat(BrokerListeners.describe(TlsConfig.none(), "127.0.0.1", 1883)).isEqualTo("tcp 127.0.0.1:1883");
  }

  @Test
  void aServerCertificateAddsATlsListenerBesideThePlainOne() throws Exception {
    String xml = BrokerListeners.xml(tls(true, null), "127.0.0.1", 1883, conf);

    assertThat(xml).contains("<tcp-listener>").contains("<tls-tcp-listener>").contains("<port>18883</port>")
        .contains("<client-authentication-mode>NONE</client-authentication-mode>").doesNotContain("truststore");
    Path keystore = conf.resolve(BrokerListeners.KEYSTORE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore))).isEqualTo("rw-------");
    // the keystore written for HiveMQ opens with the password written into its configuration
    Matcher password = Pattern.compile("<password>([^<]+)</password>").matcher(xml);
    assertThat(password.find()).isTrue();
    assertThat(ServerIdentity.fromPkcs12(keystore, password.group(1)).chain()).isEqualTo(Pem.certificates(certs.resolve("server.pem")));
  }

  @Test
  void withPlainMqttOffOnlyTheTlsListenerIsConfigured() {
    String xml = BrokerListeners.xml(tls(false, null), "0.0.0.0", 1883, conf);

    assertThat(xml).doesNotContain("<tcp-listener>").contains("<tls-tcp-listener>").contains("<bind-address>0.0.0.0</bind-address>");
    assertThat(BrokerListeners.describe(tls(false, null), "0.0.0.0", 1883)).isEqualTo("tls 0.0.0.0:18883");
  }

  @Test
  void aClientCaMakesClientCertificatesOptionalAndWritesItsTruststore() throws Exception {
    String xml = BrokerListeners.xml(tls(true, certs.resolve("ca.pem")), "127.0.0.1", 1883, conf);

    assertThat(xml).contains("<truststore>").contains(conf.resolve(BrokerListeners.TRUSTSTORE).toString())
        .contains("<client-authentication-mode>OPTIONAL</client-authentication-mode>");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(conf.resolve(BrokerListeners.TRUSTSTORE))))
        .isEqualTo("rw-------");
    assertThat(BrokerListeners.describe(tls(true, certs.resolve("ca.pem")), "127.0.0.1", 1883))
        .isEqualTo("tcp 127.0.0.1:1883, tls 127.0.0.1:18883 (client certificates optional)");
  }
}
