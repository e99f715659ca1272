package io.fleetjobs.app.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MqttConfigTest {

  private static MqttConfig config(String sharedGroup, String persistence) {
    return new MqttConfig(true, null, "127.0.0.1", 1883, "./data/broker", "fleet-jobs-service", sharedGroup, 10_000,
        Duration.ofHours(1), 200_000, persistence, "service@fleet-jobs", null);
  }

  @Test
  void oneInstanceSubscribesPlainlyToBothTopicTrees() {
    assertThat(config(null, "in-memory").serviceSubscriptions())
        .containsExactly("fleet/v1/devices/+/up/#", "fleet/v1/gateways/+/devices/+/up/#");
    assertThat(config(" ", "in-memory").serviceSubscriptions()).hasSize(2).noneMatch(f -> f.startsWith("$share"));
  }

  @Test
  void aSharedGroupMakesBothSubscriptionsShared() {
    assertThat(config("fleet-jobs", "file").serviceSubscriptions())
        .containsExactly("$share/fleet-jobs/fleet/v1/devices/+/up/#", "$share/fleet-jobs/fleet/v1/gateways/+/devices/+/up/#");
  }

  @Test
  void anUnknownPersistenceModeIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> config(null, "disk"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fleet.mqtt.embedded-persistence")
        .hasMessageContaining("'disk'");
  }

  private static MqttConfig withUrl(String url) {
    return new MqttConfig(false, url, "127.0.0.1", 1883, "./data/broker", "fleet-jobs-service", null, 10_000,
        Duration.ofHours(1), 200_000, "in-memory", "service@fleet-jobs", null);
  }

  @Test
  void sslAndMqttsUrlsAreTlsAndDefaultToPort8883() {
    assertThat(withUrl("ssl://broker.example").urlUsesTls()).isTrue();
    assertThat(withUrl("ssl://broker.example").brokerPort()).isEqualTo(8883);
    assertThat(withUrl("mqtts://broker.example:9883").brokerPort()).isEqualTo(9883);
    assertThat(withUrl("mqtts://broker.example:9883").brokerHost()).isEqualTo("broker.example");
    assertThat(withUrl("tcp://broker.example").urlUsesTls()).isFalse();
    assertThat(withUrl("tcp://broker.example").brokerPort()).isEqualTo(1883);
  }

  @Test
  void anUnknownUrlSchemeIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> withUrl("http://broker.example").brokerPort())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fleet.mqtt.url must look like")
        .hasMessageContaining("ssl://host:8883");
  }

  private static MqttConfig withCounts(int port, int receiveMaximum, Duration sessionExpiry, int maxQueued) {
    return new MqttConfig(true, null, "127.0.0.1", port, "./data/broker", "fleet-jobs-service", null, receiveMaximum,
        sessionExpiry, maxQueued, "in-memory", "service@fleet-jobs", null);
  }

  @Test
  void theEdgesOfEveryRangeAreAccepted() {
    assertThat(withCounts(0, 1, Duration.ZERO, 1).port()).isZero();
    assertThat(withCounts(65535, 100_000, Duration.ofSeconds(MqttConfig.MAX_SESSION_EXPIRY_SECONDS), 1).receiveMaximum()).isEqualTo(100_000);
  }

  @Test
  void aCountOrDurationOutOfRangeIsRefusedAtStartUpNamingTheProperty() {
    assertThatThrownBy(() -> withCounts(-1, 10, Duration.ofHours(1), 10)).hasMessageContaining("fleet.mqtt.port must be 0 to 65535, not -1");
    assertThatThrownBy(() -> withCounts(65536, 10, Duration.ofHours(1), 10)).hasMessageContaining("fleet.mqtt.port");
    assertThatThrownBy(() -> withCounts(1883, 0, Duration.ofHours(1), 10)).hasMessageContaining("fleet.mqtt.receive-maximum must be at least 1");
    assertThatThrownBy(() -> withCounts(1883, 10, Duration.ofSeconds(-1), 10)).hasMessageContaining("fleet.mqtt.session-expiry");
    assertThatThrownBy(() -> withCounts(1883, 10, Duration.ofSeconds(MqttConfig.MAX_SESSION_EXPIRY_SECONDS + 1), 10))
        .hasMessageContaining("fleet.mqtt.session-expiry must be 0 to 4294967295 seconds");
    assertThatThrownBy(() -> withCounts(1883, 10, Duration.ofHours(1), 0)).hasMessageContaining("fleet.mqtt.max-queued-messages must be at least 1");
  }
}
