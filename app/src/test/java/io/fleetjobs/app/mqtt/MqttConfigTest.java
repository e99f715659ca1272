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
}
