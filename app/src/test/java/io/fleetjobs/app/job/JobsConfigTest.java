package io.fleetjobs.app.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobsConfigTest {

  private static JobsConfig with(Duration delivery, int maxInFlight, int insertBatch) {
    return new JobsConfig(delivery, Duration.ofMinutes(10), maxInFlight, 1000, Duration.ofMillis(100), 1000, Duration.ofSeconds(2), insertBatch);
  }

  @Test
  void theDefaultsAreAccepted() {
    assertThat(with(Duration.ofHours(1), 10_000, 1000).maxInFlight()).isEqualTo(10_000);
  }

  @Test
  void aValueThatCannotWorkIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> with(Duration.ofHours(1), 0, 1000)).hasMessageContaining("fleet.jobs.max-in-flight must be at least 1");
    assertThatThrownBy(() -> with(Duration.ofHours(1), 10, 0)).hasMessageContaining("fleet.jobs.insert-batch-size");
    assertThatThrownBy(() -> with(Duration.ZERO, 10, 10)).hasMessageContaining("fleet.jobs.delivery-timeout must be a positive duration");
    assertThatThrownBy(() -> with(Duration.ofSeconds(-1), 10, 10)).hasMessageContaining("delivery-timeout");
  }
}
