package io.fleetjobs.app.limits;

import io.fleetjobs.contract.Topics;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The message rates of {@code fleet.limits} applied by the service itself, for an external broker that may not limit
 * them: each connection a topic belongs to (the device, or the gateway for its children) gets a {@link RateGuard}, and
 * a message over it is dropped before any work is done, counted and summarized by {@link DeviceRefusals}, never
 * answered (an error reply per message is what a flood would want). There is no connection to end from here.
 *
 * <p>Memory stays bounded: guards of connections quiet long enough to have refilled are forgotten every 10 s (every
 * second when full), and at most {@value #MAX_CONNECTIONS} are kept; past that, newcomers share one guard until old
 * ones are forgotten (a broker without an ACL letting a client invent ids would otherwise grow the map without end).
 */
@Singleton
public class ServiceSideRates {

  static final int MAX_CONNECTIONS = 200_000;
  private static final String SHARED = "(beyond " + MAX_CONNECTIONS + " connections)";
  private static final long SWEEP_MILLIS = 10_000;

  private final LimitsConfig limits;
  private final DeviceRefusals refusals;
  private final Clock clock;
  private final Map<String, RateGuard> guards = new HashMap<>();
  private long sweptAt;

  public ServiceSideRates(LimitsConfig limits, DeviceRefusals refusals, Clock clock) {
    this.limits = limits;
    this.refusals = refusals;
    this.clock = clock;
    this.sweptAt = clock.millis();
  }

  /** Whether a message on {@code topic} may be handled; false when it is over its connection's rate (then counted). */
  public synchronized boolean admit(String topic) {
    if (!limits.ratesLimited()) {
      return true;
    }
    long now = clock.millis();
    long sinceSweep = now - sweptAt;
    if (sinceSweep >= SWEEP_MILLIS || (guards.size() >= MAX_CONNECTIONS && sinceSweep >= 1000)) { // a sweep is O(guards)
      guards.values().removeIf(guard -> guard.idle(now));
      sweptAt = now;
    }
    Topics.Publisher publisher = Topics.publisherOf(topic).orElse(new Topics.Publisher(DeviceRefusals.UNNAMED, false));
    String key = guards.containsKey(publisher.id()) || guards.size() < MAX_CONNECTIONS ? publisher.id() : SHARED;
    RateGuard guard = guards.computeIfAbsent(key, k -> new RateGuard(limits, now));
    if (guard.check(publisher.forChildren(), now) == RateGuard.Verdict.ALLOW) {
      return true;
    }
    refusals.throttled(key, topic, publisher.forChildren()
        ? "over " + limits.gatewayRate() + " messages/s (bursts of " + limits.gatewayBurst() + ") for its children, dropped by the service"
        : "over " + limits.deviceRate() + " messages/s (bursts of " + limits.deviceBurst() + "), dropped by the service");
    return false;
  }

  /** How many connections are followed now (for tests: memory stays bounded). */
  synchronized int followed() {
    return guards.size();
  }
}
