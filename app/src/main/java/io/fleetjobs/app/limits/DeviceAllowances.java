package io.fleetjobs.app.limits;

import java.util.HashMap;
import java.util.Map;

/**
 * The devices' message allowances on the embedded broker, by client id: a device's connections, one after another,
 * share one {@link RateGuard}, so that a device disconnected for its rate cannot reconnect for a fresh burst, nor at
 * all until its allowance has refilled ({@link #mayConnect}: answered at CONNECT, before any database work). A guard
 * whose allowance is full says nothing a new one would not, so it is forgotten (every 10 s, every second when full);
 * at most {@value #MAX_DEVICES} are kept, and past that a device gets a guard of its own that is not kept.
 * Thread-safe: taken at connect, not per message.
 */
public final class DeviceAllowances {

  static final int MAX_DEVICES = 200_000;
  private static final long SWEEP_MILLIS = 10_000;

  private final LimitsConfig limits;
  private final Map<String, RateGuard> guards = new HashMap<>();
  private long sweptAt;

  public DeviceAllowances(LimitsConfig limits, long now) {
    this.limits = limits;
    this.sweptAt = now;
  }

  /** The allowance of a connection of {@code clientId} opened now: the device's own if it has one, else a new one. */
  public synchronized RateGuard connected(String clientId, long now) {
    sweep(now);
    RateGuard guard = guards.get(clientId);
    if (guard == null) {
      guard = new RateGuard(limits, now);
      if (guards.size() < MAX_DEVICES) {
        guards.put(clientId, guard);
      }
    }
    return guard;
  }

  /** Whether {@code clientId} may connect now: not while it was disconnected for its rate and has not rested since. */
  public synchronized boolean mayConnect(String clientId, long now) {
    RateGuard guard = guards.get(clientId);
    return guard == null || guard.mayConnect(now);
  }

  /** How many devices' allowances are kept (for tests: memory stays bounded). */
  synchronized int followed() {
    return guards.size();
  }

  private void sweep(long now) {
    long since = now - sweptAt;
    if (since >= SWEEP_MILLIS || (guards.size() >= MAX_DEVICES && since >= 1000)) { // a sweep is O(guards)
      guards.values().removeIf(guard -> guard.idle(now));
      sweptAt = now;
    }
  }
}
