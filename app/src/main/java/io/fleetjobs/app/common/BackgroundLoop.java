package io.fleetjobs.app.common;

/**
 * A thread (or timer) the service runs in the background. Every one is a bean implementing this, and {@link
 * BackgroundLoops} alone starts them, once, after start-up in {@link Phase} order and stops them in reverse at
 * shutdown, so a loop never runs against a closing context and what feeds a writer stops before the writer.
 */
public interface BackgroundLoop {

  /** Start order; loops stop in the reverse order. */
  enum Phase {
    /** Batched writers that others hand work to: they stop last, after what feeds them. */
    WRITERS,
    /** The push walk, which first makes what was in flight before a restart sendable again. */
    ENGINE_RESUME,
    /** The rest of the engine: pending requests, cancels, storing, timeouts. */
    ENGINE,
    /** Purges, retention, database housekeeping. */
    HOUSEKEEPING
  }

  /** The loop's thread name, as in the log. */
  String name();

  Phase phase();

  void start();

  /** Stops the loop; waits a short while for the work in hand. */
  void stop();
}
