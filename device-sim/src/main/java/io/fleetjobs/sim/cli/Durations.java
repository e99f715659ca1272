package io.fleetjobs.sim.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people write them on a command line: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601. */
final class Durations {

  private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");
  private static final Pattern RANGE = Pattern.compile("(\\d+)\\.\\.(\\d+)(ms|s)?");

  private Durations() {}

  static Duration parse(String text) {
    String t = text.trim();
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
    try {
      return Duration.parse(t);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 500ms, 30s, 5m or PT30S");
    }
  }

  /** A latency range {@code min..max} in ms (default) or s, e.g. {@code 50..500ms}; a single duration is min = max. */
  static Duration[] range(String text) {
    Matcher m = RANGE.matcher(text.trim());
    if (m.matches()) {
      boolean seconds = "s".equals(m.group(3));
      long min = Long.parseLong(m.group(1));
      long max = Long.parseLong(m.group(2));
      return seconds
          ? new Duration[] {Duration.ofSeconds(min), Duration.ofSeconds(max)}
          : new Duration[] {Duration.ofMillis(min), Duration.ofMillis(max)};
    }
    Duration d = parse(text);
    return new Duration[] {d, d};
  }
}
