package io.fleetjobs.app.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TlsConfigTest {

  private static final Path PEM = Path.of("server.pem");
  private static final Path KEY = Path.of("server.key");
  private static final Path P12 = Path.of("server.p12");
  private static final Path CA = Path.of("ca.pem");

  @Test
  void withoutAnyPropertyThereIsNoTlsAndPlainMqttStaysOn() {
    TlsConfig none = TlsConfig.none();

    assertThat(none.serverTls()).isFalse();
    assertThat(none.plainMqtt()).isTrue();
    assertThat(none.mqttPort()).isEqualTo(8883);
  }

  @Test
  void aPemPairOrAKeystoreIsAServerCertificate() {
    assertThat(new TlsConfig(PEM, KEY, null, null, CA, 8883, false, null).serverTls()).isTrue();
    assertThat(new TlsConfig(null, null, P12, "secret", null, 8883, true, null).serverTls()).isTrue();
  }

  @Test
  void aCertificateWithoutItsKeyIsRefused() {
    assertThatThrownBy(() -> new TlsConfig(PEM, null, null, null, null, 8883, true, null))
        .hasMessageContaining("fleet.tls.certificate-file and fleet.tls.key-file go together");
    assertThatThrownBy(() -> new TlsConfig(null, KEY, null, null, null, 8883, true, null))
        .hasMessageContaining("fleet.tls.certificate-file and fleet.tls.key-file go together");
  }

  @Test
  void pemFilesAndAKeystoreTogetherAreRefused() {
    assertThatThrownBy(() -> new TlsConfig(PEM, KEY, P12, null, null, 8883, true, null))
        .hasMessageContaining("either fleet.tls.key-store-file or fleet.tls.certificate-file");
  }

  @Test
  void aKeystorePasswordWithoutAKeystoreIsRefused() {
    assertThatThrownBy(() -> new TlsConfig(PEM, KEY, null, "secret", null, 8883, true, null))
        .hasMessageContaining("fleet.tls.key-store-password is set but fleet.tls.key-store-file is not");
  }

  @Test
  void clientCertificatesAndTurningPlainMqttOffNeedAServerCertificate() {
    assertThatThrownBy(() -> new TlsConfig(null, null, null, null, CA, 8883, true, null))
        .hasMessageContaining("fleet.tls.client-ca-file needs a server certificate");
    assertThatThrownBy(() -> new TlsConfig(null, null, null, null, null, 8883, false, null))
        .hasMessageContaining("fleet.tls.plain-mqtt=false needs a server certificate");
  }

  @Test
  void aPortOutsideTheTcpRangeIsRefused() {
    assertThatThrownBy(() -> new TlsConfig(PEM, KEY, null, null, null, 0, true, null))
        .hasMessageContaining("fleet.tls.mqtt-port must be 1 to 65535, not 0");
  }
}
