package io.fleetjobs.app.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PurgeConfigTest {

  @Test
  void theDefaultsAreAccepted() {
    assertThat(new PurgeConfig(10_000, Duration.ofSeconds(30)).batchSize()).isEqualTo(10_000);
  }

  @Test
  void aBatchSizeBelowOneOrARescanIntervalThatIsNotPositiveIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> new PurgeConfig(0, Duration.ofSeconds(30))).hasMessageContaining("fleet.purge.batch-size must be at least 1, not 0");
    assertThatThrownBy(() -> new PurgeConfig(10, Duration.ZERO)).hasMessageContaining("fleet.purge.rescan-interval must be a positive duration");
    assertThatThrownBy(() -> new PurgeConfig(10, Duration.ofSeconds(-5))).hasMessageContaining("fleet.purge.rescan-interval");
  }
}
