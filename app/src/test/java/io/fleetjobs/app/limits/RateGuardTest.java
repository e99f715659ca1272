package io.fleetjobs.app.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.app.limits.RateGuard.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A device's allowance: 10 messages/s, bursts of 20, disconnected after 2 s over its limit or 20 messages refused
 * (children: 100/s), and then kept out until its allowance has refilled.
 */
class RateGuardTest {

  private final LimitsConfig limits = Limits.small();

  @Test
  void aBurstUpToTheLimitPassesAndTheNextMessageIsRefused() {
    RateGuard guard = new RateGuard(limits, 0);
    for (int i = 0; i < 20; i++) {
      assertThat(guard.check(false, 0)).as("message %d", i).isEqualTo(Verdict.ALLOW);
    }
    assertThat(guard.check(false, 0)).isEqualTo(Verdict.REFUSE);
  }

  @Test
  void theAllowanceRefillsAtTheRate() {
    RateGuard guard = new RateGuard(limits, 0);
    drain(guard, false, 0);
    assertThat(guard.check(false, 99)).isEqualTo(Verdict.REFUSE);
    assertThat(guard.check(false, 100)).isEqualTo(Verdict.ALLOW); // 10/s: one every 100 ms
    assertThat(guard.check(false, 150)).isEqualTo(Verdict.REFUSE);
  }

  @Test
  void aDeviceAtItsRateIsNeverRefused() {
    RateGuard guard = new RateGuard(limits, 0);
    for (long t = 0; t < 60_000; t += 100) {
      assertThat(guard.check(false, t)).as("at %d ms", t).isEqualTo(Verdict.ALLOW);
    }
  }

  @Test
  void aConnectionThatStaysOverItsLimitForTheDisconnectTimeIsToBeDisconnected() {
    RateGuard guard = new RateGuard(Limits.small(0), 0);
    drain(guard, false, 0);
    // 20 messages/s against an allowance of 10/s: half of them get through, the rest are refused
    int allowed = 0;
    for (long t = 50; t < 2050; t += 50) { // the first refusal at 50 ms
      Verdict verdict = guard.check(false, t);
      assertThat(verdict).isNotEqualTo(Verdict.DISCONNECT);
      allowed += verdict == Verdict.ALLOW ? 1 : 0;
    }
    assertThat(allowed).isEqualTo(20);
    assertThat(guard.check(false, 2050)).isEqualTo(Verdict.DISCONNECT);
  }

  @Test
  void aConnectionThatHasItsBurstRefusedIsToBeDisconnectedAtOnce() {
    RateGuard guard = new RateGuard(limits, 0);
    drain(guard, false, 0); // its burst, and the first refusal
    for (int i = 2; i < 20; i++) {
      assertThat(guard.check(false, 0)).as("refusal %d", i).isEqualTo(Verdict.REFUSE);
    }
    assertThat(guard.check(false, 0)).as("the 20th refusal, in the same millisecond").isEqualTo(Verdict.DISCONNECT);
    assertThat(guard.disconnectedFor()).isEqualTo("20 messages refused");
  }

  @Test
  void aDeviceDisconnectedForItsRateMayNotConnectUntilItsAllowanceHasRefilled() {
    RateGuard guard = new RateGuard(limits, 0);
    assertThat(guard.mayConnect(0)).isTrue();
    drain(guard, false, 0);
    while (guard.check(false, 0) != Verdict.DISCONNECT) {
      // refused until disconnected
    }
    assertThat(guard.mayConnect(1_999)).as("19.99 of its 20 messages back").isFalse();
    assertThat(guard.mayConnect(2_000)).as("its burst of 20 back at 10/s").isTrue();
    // and it starts afresh: a whole burst, and the next refusals count from zero again
    for (int i = 0; i < 20; i++) {
      assertThat(guard.check(false, 2_000)).isEqualTo(Verdict.ALLOW);
    }
    assertThat(guard.check(false, 2_000)).isEqualTo(Verdict.REFUSE);
  }

  @Test
  void aDeviceOverItsLimitButNotDisconnectedMayConnect() {
    RateGuard guard = new RateGuard(limits, 0);
    drain(guard, false, 0);
    assertThat(guard.check(false, 0)).isEqualTo(Verdict.REFUSE);
    assertThat(guard.mayConnect(0)).isTrue();
  }

  @Test
  void aConnectionThatRestsUntilItsAllowanceIsFullIsNoLongerOverItsLimit() {
    RateGuard guard = new RateGuard(limits, 0);
    drain(guard, false, 0);
    assertThat(guard.check(false, 1)).isEqualTo(Verdict.REFUSE);
    // 2 s of quiet refill the burst of 20: the next flood starts a new episode rather than continuing the old one
    long back = 1 + Duration.ofSeconds(2).toMillis();
    drain(guard, false, back);
    assertThat(guard.check(false, back + 1)).isEqualTo(Verdict.REFUSE);
    assertThat(guard.idle(back + 1)).isFalse();
    assertThat(guard.idle(back + 2001)).isTrue();
  }

  @Test
  void aGatewaysChildrenHaveAnAllowanceOfTheirOwn() {
    RateGuard guard = new RateGuard(limits, 0);
    drain(guard, false, 0);
    for (int i = 0; i < 1000; i++) {
      assertThat(guard.check(true, 0)).isEqualTo(Verdict.ALLOW);
    }
    assertThat(guard.check(true, 0)).isEqualTo(Verdict.REFUSE);
  }

  @Test
  void aRateOfZeroIsNoLimit() {
    RateGuard guard = new RateGuard(new LimitsConfig(262_144, 128, 1024, 0, 1, 0, 1, Duration.ZERO, 0, Duration.ofMinutes(1), 1), 0);
    for (int i = 0; i < 10_000; i++) {
      assertThat(guard.check(i % 2 == 0, 0)).isEqualTo(Verdict.ALLOW);
    }
  }

  @Test
  void aClockSetBackNeitherRefillsNorDisconnects() {
    RateGuard guard = new RateGuard(limits, 10_000);
    drain(guard, false, 10_000);
    assertThat(guard.check(false, 5_000)).isEqualTo(Verdict.REFUSE);
    assertThat(guard.check(false, 10_050)).isEqualTo(Verdict.REFUSE);
  }

  private static void drain(RateGuard guard, boolean children, long now) {
    while (guard.check(children, now) == Verdict.ALLOW) {
      // take the whole burst
    }
  }
}
