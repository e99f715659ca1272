package io.fleetjobs.sim;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters shared by the devices of a fleet; {@link #snapshot()} reads them all at once. A gateway's children count
 * like devices (a child is connected while its gateway is and it is attached); the gateways themselves count too.
 */
public final class FleetStats {

  final AtomicLong connected = new AtomicLong();
  final AtomicLong executionsReceived = new AtomicLong();
  final AtomicLong duplicates = new AtomicLong();
  final AtomicLong succeeded = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();
  final AtomicLong silent = new AtomicLong();
  final AtomicLong malformed = new AtomicLong();
  final AtomicLong cancelsReceived = new AtomicLong();
  final AtomicLong errorsReceived = new AtomicLong();
  final AtomicLong held = new AtomicLong();

  /** The counters at one moment. */
  public record Snapshot(
      long connected, long executionsReceived, long duplicates, long succeeded, long failed, long rejected, long silent,
      long malformed, long cancelsReceived, long errorsReceived, long held) {

    /** One line for a progress display. */
    public String line() {
      return "connected %d | executions %d (dup %d) | ok %d, failed %d, rejected %d, silent %d, malformed %d | cancels %d | errors %d%s"
          .formatted(connected, executionsReceived, duplicates, succeeded, failed, rejected, silent, malformed, cancelsReceived,
              errorsReceived, held == 0 ? "" : " | held " + held);
    }
  }

  public Snapshot snapshot() {
    return new Snapshot(connected.get(), executionsReceived.get(), duplicates.get(), succeeded.get(), failed.get(), rejected.get(),
        silent.get(), malformed.get(), cancelsReceived.get(), errorsReceived.get(), held.get());
  }

  public long executionsReceived() {
    return executionsReceived.get();
  }

  public long cancelsReceived() {
    return cancelsReceived.get();
  }

  public long succeeded() {
    return succeeded.get();
  }

  public long connected() {
    return connected.get();
  }
}
