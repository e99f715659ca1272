package io.fleetjobs.app.coap;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.app.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The per-device token bucket behind 4.29: a burst at once, then the rate, and memory only for active devices. */
class RequestRateTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));

  @Test
  void aDeviceMaySendItsBurstAtOnceThenWaitsForTheNextToken() {
    RequestRate rate = new RequestRate(20, 5, 100, clock);
    IntStream.range(0, 5).forEach(i -> assertThat(rate.acquire("d1")).isZero());
    assertThat(rate.acquire("d1")).isEqualTo(50); // a token every 50 ms at 20/s
    clock.advance(Duration.ofMillis(20));
    assertThat(rate.acquire("d1")).isEqualTo(30);
    clock.advance(Duration.ofMillis(30));
    assertThat(rate.acquire("d1")).isZero();
    assertThat(rate.acquire("d1")).isEqualTo(50);
  }

  @Test
  void eachDeviceHasItsOwnBucketAndAQuietOneRefillsToItsBurstOnly() {
    RequestRate rate = new RequestRate(1, 2, 100, clock);
    assertThat(rate.acquire("d1")).isZero();
    assertThat(rate.acquire("d1")).isZero();
    assertThat(rate.acquire("d1")).isEqualTo(1000);
    assertThat(rate.acquire("d2")).isZero();
    clock.advance(Duration.ofHours(1));
    IntStream.range(0, 2).forEach(i -> assertThat(rate.acquire("d1")).isZero());
    assertThat(rate.acquire("d1")).isPositive();
  }

  @Test
  void atMostMaxKeysDevicesAreTrackedAndRefilledOnesAreForgottenToMakeRoom() {
    RequestRate rate = new RequestRate(10, 1, 3, clock);
    IntStream.range(0, 3).forEach(i -> assertThat(rate.acquire("d" + i)).isZero());
    assertThat(rate.acquire("d3")).as("no room: every tracked device just spent its burst").isEqualTo(RequestRate.NO_ROOM);
    assertThat(rate.tracked()).isEqualTo(3);

    clock.advance(Duration.ofSeconds(1)); // all refilled: the same as untracked
    assertThat(rate.acquire("d3")).isZero();
    assertThat(rate.tracked()).isEqualTo(1);
  }
}
