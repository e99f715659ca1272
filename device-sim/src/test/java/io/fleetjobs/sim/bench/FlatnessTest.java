package io.fleetjobs.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlatnessTest {

  @Test
  void aFigureThatStaysWithinTenPercentAfterTheWarmUpIsFlat() {
    // the warm-up climbs from 10 to 100; afterwards it wobbles around 100
    Flatness flat = Flatness.of(List.of(10L, 60L, 100L, 104L, 98L, 103L, 101L, 107L), 2, 10, 0);
    assertThat(flat.samples()).isEqualTo(6);
    assertThat(flat.first()).isEqualTo(102.0);
    assertThat(flat.last()).isEqualTo(104.0);
    assertThat(flat.flat()).isTrue();
  }

  @Test
  void aFigureThatKeepsGrowingIsNotFlat() {
    Flatness growing = Flatness.of(List.of(100L, 110L, 120L, 130L, 140L, 150L), 0, 10, 0);
    assertThat(growing.changePercent()).isGreaterThan(10);
    assertThat(growing.flat()).isFalse();
  }

  @Test
  void aSmallGrowthWithinTheSlackIsFlatAndAFallIsFlat() {
    assertThat(Flatness.of(List.of(40L, 40L, 41L, 44L, 45L, 45L), 0, 10, 8).flat()).isTrue();
    assertThat(Flatness.of(List.of(400L, 380L, 300L, 200L, 150L, 100L), 0, 10, 0).flat()).isTrue();
  }

  @Test
  void figuresNotMeasuredAreLeftOutAndTooFewSamplesSayNothing() {
    Flatness unmeasured = Flatness.of(List.of(-1L, -1L, -1L, -1L), 0, 10, 0);
    assertThat(unmeasured.flat()).isFalse();
    assertThat(unmeasured.first()).isNaN();
    assertThat(Flatness.of(List.of(1L, 2L, 3L, 4L), 2, 10, 0).flat()).isFalse();
  }
}
