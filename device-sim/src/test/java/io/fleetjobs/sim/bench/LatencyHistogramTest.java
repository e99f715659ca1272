package io.fleetjobs.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void anEmptyHistogramHasNoPercentile() {
    assertThat(new LatencyHistogram().percentile(50)).isEqualTo(-1);
  }

  @Test
  void percentilesOfAUniformSpreadAreWithinAboutSixPercent() {
    LatencyHistogram histogram = new LatencyHistogram();
    for (long micros = 1; micros <= 100_000; micros++) {
      histogram.record(micros);
    }
    assertThat(histogram.count()).isEqualTo(100_000);
    assertThat((double) histogram.percentile(50)).isCloseTo(50_000, within(50_000 * 0.07));
    assertThat((double) histogram.percentile(99)).isCloseTo(99_000, within(99_000 * 0.07));
    assertThat(histogram.percentile(100)).isGreaterThanOrEqualTo(100_000);
  }

  @Test
  void smallValuesAreExactAndEveryValueFallsInABucketThatHoldsIt() {
    for (long value : new long[] {0, 1, 15, 16, 17, 31, 32, 1000, 123_456_789, Long.MAX_VALUE / 2}) {
      int index = LatencyHistogram.index(value);
      assertThat(LatencyHistogram.upperBound(index)).isGreaterThanOrEqualTo(value);
      assertThat(index == 0 || LatencyHistogram.upperBound(index - 1) < value).as("bucket of " + value).isTrue();
    }
    LatencyHistogram histogram = new LatencyHistogram();
    histogram.record(7);
    assertThat(histogram.percentile(50)).isEqualTo(7);
  }
}
