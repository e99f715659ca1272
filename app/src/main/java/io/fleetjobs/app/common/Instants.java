package io.fleetjobs.app.common;

import java.time.Instant;

/**
 * Instants operators give (an expiry, a filter's bounds) are stored or compared in the database, whose timestamps
 * end long before Java's (PostgreSQL's in the year 294276, Java's in 1000000000): they must fall in years 1 to 9999.
 */
public final class Instants {

  /** What the documentation says of an expiry. */
  public static final String FUTURE = "an ISO-8601 instant in the future, before the year 10000";

  static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
  static final Instant END = Instant.parse("+10000-01-01T00:00:00Z");

  private Instants() {}

  /** {@code at} (null allowed), if it falls in years 1 to 9999. */
  public static Instant inRange(Instant at, String field) {
    if (at != null && (at.isBefore(FIRST) || !at.isBefore(END))) {
      throw Refusal.invalid(field, field + " must fall in the years 1 to 9999");
    }
    return at;
  }
}
