package io.fleetjobs.app.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.junit.jupiter.api.Test;

/** The CoAP, DTLS and limits settings refuse values that cannot work, naming the property. */
class CoapSettingsTest {

  @Test
  void theDefaultCipherSuitesAreCcm8ThenGcm() {
    DtlsSettings dtls = new DtlsSettings(5684, List.of("TLS_PSK_WITH_AES_128_CCM_8", "TLS_PSK_WITH_AES_128_GCM_SHA256"), 10, Duration.ofMinutes(30));
    assertThat(dtls.suites()).containsExactly(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8, CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256);
  }

  @Test
  void aCipherSuiteThatIsNotARecommendedPskSuiteIsRefusedByName() {
    for (String suite : List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", "TLS_PSK_WITH_AES_128_CBC_SHA256", "TLS_NO_SUCH_SUITE")) {
      assertThatThrownBy(() -> new DtlsSettings(5684, List.of(suite), 10, Duration.ofMinutes(30)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fleet.coap.dtls.cipher-suites").hasMessageContaining(suite);
    }
    assertThatThrownBy(() -> new DtlsSettings(5684, List.of(), 10, Duration.ofMinutes(30))).hasMessageContaining("at least one");
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> new CoapLimits(0, 40, Duration.ofMinutes(1), 10)).hasMessageContaining("requests-per-second");
    assertThatThrownBy(() -> new CoapLimits(20, 0, Duration.ofMinutes(1), 10)).hasMessageContaining("burst");
    assertThatThrownBy(() -> new CoapLimits(20, 40, Duration.ZERO, 10)).hasMessageContaining("log-interval");
    assertThatThrownBy(() -> new CoapLimits(20, 40, Duration.ofMinutes(1), 0)).hasMessageContaining("max-devices");
    assertThatThrownBy(() -> new CoapSettings(true, "127.0.0.1", 5683, false, 0)).hasMessageContaining("max-resource-body-size");
  }

  @Test
  void theServiceRefreshesObservationsBeforeTheirMaxAgeLapses() {
    ObserveSettings observe = new ObserveSettings(Duration.ofMinutes(5), Duration.ofMinutes(4));
    assertThat(observe.maxAgeSeconds()).isEqualTo(300);
    assertThatThrownBy(() -> new ObserveSettings(Duration.ofMinutes(5), Duration.ofMinutes(5))).hasMessageContaining("fleet.coap.observe.refresh");
    assertThatThrownBy(() -> new ObserveSettings(Duration.ofMinutes(5), Duration.ofMillis(500))).hasMessageContaining("fleet.coap.observe.refresh");
    assertThatThrownBy(() -> new ObserveSettings(Duration.ofSeconds(1), Duration.ofMillis(500))).hasMessageContaining("fleet.coap.observe.max-age");
  }

  @Test
  void theServerHoldsAnObservationForEveryDeviceItKeepsStateFor() {
    var config = CoapFactory.configuration(new CoapSettings(false, "127.0.0.1", 5683, false, 8192), new CoapLimits(20, 40, Duration.ofMinutes(1), 123_456));
    assertThat(config.get(org.eclipse.californium.core.config.CoapConfig.MAX_SERVER_OBSERVES)).isEqualTo(123_456);
  }

  @Test
  void recentCancelsAreRememberedForAtMostAsManyDevicesAsTheServerKeepsStateFor() {
    DevicesResource devices = new DevicesResource(null, java.time.Clock.systemUTC(), new CoapLimits(20, 40, Duration.ofMinutes(1), 3),
        new ObserveSettings(Duration.ofMinutes(5), Duration.ofMinutes(4)), null);
    for (int d = 0; d < 10; d++) {
      devices.canceled("dev-" + d, "exec-" + d);
    }
    assertThat(devices.rememberingCancels()).isEqualTo(3);
    assertThat(devices.canceledFor("dev-9")).containsExactly("exec-9");
    assertThat(devices.canceledFor("dev-0")).isEmpty();
  }
}
