package io.fleetjobs.app.engine;

import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Executions sent and not yet finished, with when they were sent: bounds the dispatch window and measures
 * dispatch-to-result latency. Bounded by {@code fleet.jobs.max-in-flight}, so its memory is too.
 */
@Singleton
public class InFlight {

  private final ConcurrentHashMap<UUID, Long> sentAtNanos = new ConcurrentHashMap<>();

  void sent(UUID id) {
    sentAtNanos.putIfAbsent(id, System.nanoTime());
  }

  /** Forgets a finished execution; returns nanoseconds since it was sent, or -1 if this instance did not send it. */
  long finished(UUID id) {
    Long at = sentAtNanos.remove(id);
    return at == null ? -1 : System.nanoTime() - at;
  }

  public int size() {
    return sentAtNanos.size();
  }

  void clear() {
    sentAtNanos.clear();
  }
}
