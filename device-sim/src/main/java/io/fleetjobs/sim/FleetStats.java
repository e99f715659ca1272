package io.fleetjobs.sim;

import io.fleetjobs.contract.message.ContractError;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters shared by the devices of a fleet; {@link #snapshot()} reads them all at once. A gateway's children count
 * like devices (a child is connected while its gateway is and it is attached); the gateways themselves count too.
 */
public final class FleetStats {

  private static final Logger LOG = LoggerFactory.getLogger(FleetStats.class);

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
  final AtomicLong applications = new AtomicLong();
  final AtomicLong reapplications = new AtomicLong();
  /** Error replies by kind ({@code CODE} or {@code CODE field}); a kind's first one is logged, the others counted. */
  private final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();

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

  /** Work performed: executions a device took on, repeats of one not counted (see {@link SimulatedDevice#applications}). */
  public long applications() {
    return applications.get();
  }

  /** Applications of a job a device had performed already, through another execution: should stay 0. */
  public long reapplications() {
    return reapplications.get();
  }

  /** Error replies received so far, by kind ({@code CODE} or {@code CODE field}), in kind order. */
  public Map<String, Long> errorKinds() {
    Map<String, Long> kinds = new TreeMap<>();
    errorKinds.forEach((kind, n) -> kinds.put(kind, n.get()));
    return kinds;
  }

  void errorReceived(String deviceId, ContractError error) {
    errorsReceived.incrementAndGet();
    String kind = error.field() == null ? error.code().name() : error.code().name() + " " + error.field();
    if (errorKinds.computeIfAbsent(kind, k -> new AtomicLong()).getAndIncrement() == 0) {
      // once per kind, so a fleet told the same thing a thousand times logs one line
      LOG.info("First error reply of kind {}: device {} was told '{}' about {}", kind, deviceId, error.message(), error.topic());
    }
  }
}
