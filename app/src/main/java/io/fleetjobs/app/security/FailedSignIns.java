package io.fleetjobs.app.security;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recent failed sign-ins per user name, to slow password guessing: past the limit within the lockout window, the
 * name is refused until its oldest counted failure leaves the window. Bounded: names are forgotten once their
 * failures are older than the window, and at most {@value #MAX_NAMES} names are tracked at once.
 */
@Singleton
class FailedSignIns {

  private static final int MAX_NAMES = 10_000;

  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final SecurityConfig config;
  private final Clock clock;

  FailedSignIns(SecurityConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  boolean lockedOut(String username) {
    Deque<Instant> recent = failures.get(username);
    if (recent == null) {
      return false;
    }
    synchronized (recent) {
      prune(recent);
      return recent.size() >= config.maxFailedSignIns();
    }
  }

  void record(String username) {
    if (failures.size() >= MAX_NAMES) {
      failures.entrySet().removeIf(e -> {
        synchronized (e.getValue()) {
          prune(e.getValue());
          return e.getValue().isEmpty();
        }
      });
      if (failures.size() >= MAX_NAMES) {
        return; // a flood of distinct names: each is then limited only by bcrypt's cost
      }
    }
    Deque<Instant> recent = failures.computeIfAbsent(username, u -> new ArrayDeque<>());
    synchronized (recent) {
      prune(recent);
      recent.addLast(clock.instant());
      while (recent.size() > config.maxFailedSignIns()) {
        recent.removeFirst();
      }
    }
  }

  void clear(String username) {
    failures.remove(username);
  }

  private void prune(Deque<Instant> recent) {
    Instant horizon = clock.instant().minus(config.signInLockout());
    while (!recent.isEmpty() && recent.peekFirst().isBefore(horizon)) {
      recent.removeFirst();
    }
  }
}
