package io.fleetjobs.app.support;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/** Replaces the service's clock with a {@link MutableClock} in contexts started with {@code test.clock=mutable}. */
@Factory
@Requires(property = "test.clock", value = "mutable")
public class MutableClockFactory {

  @Singleton
  @Replaces(value = Clock.class, factory = io.fleetjobs.app.common.ClockFactory.class)
  MutableClock clock() {
    return new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  }
}
