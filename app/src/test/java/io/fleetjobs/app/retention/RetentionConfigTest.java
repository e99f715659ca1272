package io.fleetjobs.app.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RetentionConfigTest {

  @Test
  void aSingleDayIsTheShortestRetention() {
    assertThat(new RetentionConfig(1, "0 15 3 * * *").days()).isEqualTo(1);
  }

  @Test
  void noDaysOrNegativeDaysAreRefusedNamingTheProperty() {
    assertThatThrownBy(() -> new RetentionConfig(0, "0 15 3 * * *")).hasMessageContaining("fleet.retention.days must be at least 1, not 0");
    assertThatThrownBy(() -> new RetentionConfig(-30, "0 15 3 * * *")).hasMessageContaining("fleet.retention.days");
  }
}
