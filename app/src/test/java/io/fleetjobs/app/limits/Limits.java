package io.fleetjobs.app.limits;

import java.time.Duration;

/** {@link LimitsConfig}s for tests: the defaults, or small numbers that are quick to reach. */
final class Limits {

  private Limits() {}

  static LimitsConfig defaults() {
    return new LimitsConfig(262_144, 128, 1024, 50, 200, 2000, 20_000, Duration.ofSeconds(10), 200, Duration.ofMinutes(1), 20);
  }

  /** 10 messages/s with a burst of 20 (children: 100/s, burst 1000), disconnected after 2 s over or 20 refused, 3 replies a minute. */
  static LimitsConfig small() {
    return small(20);
  }

  /** {@link #small()}, disconnected after 2 s over or {@code refused} refused messages (0: after 2 s over only). */
  static LimitsConfig small(int refused) {
    return new LimitsConfig(262_144, 128, 1024, 10, 20, 100, 1000, Duration.ofSeconds(2), refused, Duration.ofMinutes(1), 3);
  }
}
