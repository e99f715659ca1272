package io.fleetjobs.sim.bench;

import java.util.concurrent.locks.LockSupport;

/** Progress lines on stderr: at most one a second per phase, rewritten in place on a terminal. */
final class Progress {

  private final boolean terminal = System.console() != null;
  private long last;

  /** Whether a progress line would be printed now: lets callers skip computing one. */
  boolean due() {
    return System.nanoTime() - last >= 1_000_000_000L;
  }

  void line(String phase, String format, Object... args) {
    long now = System.nanoTime();
    if (now - last < 1_000_000_000L) {
      return;
    }
    last = now;
    String text = "[" + phase + "] " + format.formatted(args);
    if (terminal) {
      System.err.print("\r" + text + "      ");
    } else {
      System.err.println(text);
    }
  }

  /** A line that is always printed (phase results). */
  void done(String phase, String format, Object... args) {
    if (terminal) {
      System.err.print("\r");
    }
    System.err.println("[" + phase + "] " + format.formatted(args));
    last = 0;
  }

  /** Polls {@code condition} until true or {@code timeout}, with a progress line at most once a second; whether it came true. */
  boolean until(java.time.Duration timeout, String phase, java.util.function.BooleanSupplier condition,
      java.util.function.Supplier<String> line) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (due()) {
        line(phase, "%s", line.get());
      }
      park(50); // 50 ms: fine enough for second-scale phases, light on the service
    }
    return false;
  }

  /** Polling pause: the bench polls the API, and a short park keeps that cheap. */
  static void park(long millis) {
    LockSupport.parkNanos(millis * 1_000_000L);
  }
}
