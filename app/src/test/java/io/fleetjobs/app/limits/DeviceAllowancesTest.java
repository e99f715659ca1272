package io.fleetjobs.app.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.app.limits.RateGuard.Verdict;
import org.junit.jupiter.api.Test;

/** A device's connections share its allowance until it has refilled: 10 messages/s, bursts of 20 ({@link Limits#small()}). */
class DeviceAllowancesTest {

  private final DeviceAllowances allowances = new DeviceAllowances(Limits.small(), 0);

  @Test
  void aDevicesNextConnectionGetsWhatIsLeftOfItsAllowanceNotAFreshBurst() {
    RateGuard first = allowances.connected("d1", 0);
    while (first.check(false, 0) == Verdict.ALLOW) {
      // its whole burst on the first connection
    }
    assertThat(allowances.connected("d1", 100).check(false, 100)).as("one message back after 100 ms").isEqualTo(Verdict.ALLOW);
    assertThat(allowances.connected("d1", 100).check(false, 100)).isEqualTo(Verdict.REFUSE);
    assertThat(allowances.connected("d2", 100).check(false, 100)).as("another device's own burst").isEqualTo(Verdict.ALLOW);
  }

  @Test
  void aDeviceDisconnectedForItsRateMayConnectOnceItsAllowanceHasRefilled() {
    RateGuard guard = allowances.connected("d1", 0);
    while (guard.check(false, 0) != Verdict.DISCONNECT) {
      // a flood
    }
    assertThat(allowances.mayConnect("d1", 1_000)).isFalse();
    assertThat(allowances.mayConnect("d2", 1_000)).as("a device never seen").isTrue();
    assertThat(allowances.mayConnect("d1", 2_000)).isTrue();
  }

  @Test
  void allowancesThatHaveRefilledAreForgottenSoMemoryFollowsTheBusyDevicesOnly() {
    for (int i = 0; i < 1000; i++) {
      allowances.connected("quiet-" + i, 0).check(false, 0);
    }
    RateGuard busy = allowances.connected("busy", 0);
    while (busy.check(false, 9_999) == Verdict.ALLOW) {
      // used up just before the sweep
    }
    allowances.connected("newcomer", 10_000); // sweeps: every quiet one has refilled by now
    assertThat(allowances.followed()).isEqualTo(2); // the busy device and the newcomer
    assertThat(allowances.mayConnect("busy", 10_000)).isTrue();
  }
}
