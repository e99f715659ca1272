package io.fleetjobs.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTest {

  private static final String BEFORE = """
      # HELP fleet_device_messages_refused_total Device messages the service refused, by error code
      # TYPE fleet_device_messages_refused_total counter
      fleet_device_messages_refused_total{code="MALFORMED_JSON"} 5.0
      fleet_device_messages_refused_total{code="QUOTA_EXCEEDED"} 100.0
      fleet_device_error_replies_dropped_total 2.0
      jvm_threads_live_threads 40.0
      """;

  @Test
  void countersAreReadBySeriesAndTheirGrowthBetweenTwoReadings() {
    Prometheus before = Prometheus.parse(BEFORE);
    Prometheus after = Prometheus.parse(BEFORE.replace("} 100.0", "} 350.0").replace("dropped_total 2.0", "dropped_total 9.0")
        + "fleet_device_messages_refused_total{code=\"UNKNOWN_EXECUTION\"} 3.0\n");
    assertThat(before.total("fleet_device_messages_refused_total")).isEqualTo(105.0);
    assertThat(after.since(before, "fleet_device_messages_refused_total"))
        .isEqualTo(Map.of("code=\"QUOTA_EXCEEDED\"", 250L, "code=\"UNKNOWN_EXECUTION\"", 3L));
    assertThat(after.total("fleet_device_error_replies_dropped_total") - before.total("fleet_device_error_replies_dropped_total")).isEqualTo(7.0);
    assertThat(after.total("jvm_threads_live_threads")).isEqualTo(40.0);
    assertThat(after.total("no_such_metric")).isZero();
  }
}
