package io.fleetjobs.app.engine;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What this node has sent and not yet seen finish: the only record that an execution was sent (sending writes no row,
 * so an execution costs one row write after it is stored: its final state). It bounds the dispatch window, times
 * executions out and tells a stop whom to send a cancel. Bounded by {@code fleet.jobs.max-in-flight} plus the pending
 * requests being answered, so its memory is too (about 200 bytes an execution).
 *
 * <p>The restart rule: memory does not survive the process. An execution stored before this node's engine started
 * ({@link #resumedAt}) may have been sent by the process before; it is sent again once its device can be reached,
 * never failed as never delivered, and times out like one sent at the restart (see {@link TimeoutSweeper}).
 */
@Singleton
public class InFlight {

  /** One sending: of which job to which device, first sent at (nanos, for latency) and last sent at (for timeouts). */
  record Sent(String jobId, String deviceId, long firstNanos, Instant lastSentAt) {}

  private final ConcurrentHashMap<UUID, Sent> sent = new ConcurrentHashMap<>();
  /** Jobs a stop has drained: nothing of theirs is sent after that (the stop's cancels went out already). */
  private final Set<String> stopped = ConcurrentHashMap.newKeySet();
  /** Executions being failed as never delivered: not sent until that verdict is written or refused. */
  private final Set<UUID> fenced = ConcurrentHashMap.newKeySet();
  /** Moves with every fence and unfence: rows read before it moved may be of executions failed since. */
  private long epoch;
  private volatile Instant resumedAt = Instant.EPOCH;

  /** When this node's engine started: executions stored before may have been sent by an earlier process. */
  public Instant resumedAt() {
    return resumedAt;
  }

  /** The engine starts (or, in tests, a restart is simulated): what was sent before is forgotten. */
  void resume(Instant now) {
    sent.clear();
    stopped.clear();
    resumedAt = now;
  }

  /** Taken before reading the rows to send, and given back to {@link #sent}. */
  synchronized long epoch() {
    return epoch;
  }

  /**
   * Records a sending, unless a stop drained the job already; returns whether it may go out. Atomic with {@link #drain}
   * so that a sending either is drained (and gets its cancel) or does not happen, and with {@link #fence} so that an
   * execution is either sent or failed as never delivered, not both: a first sending of a row read before
   * ({@code readAt}) a never-delivered verdict moved the epoch is refused (the row may be failed by now; the next
   * round reads it again).
   */
  synchronized boolean sent(UUID id, String jobId, String deviceId, Instant at, long readAt) {
    if (stopped.contains(jobId) || fenced.contains(id) || (readAt != epoch && !sent.containsKey(id))) {
      return false;
    }
    sent.merge(id, new Sent(jobId, deviceId, System.nanoTime(), at), (old, now) -> new Sent(old.jobId(), old.deviceId(), old.firstNanos(), at));
    return true;
  }

  /** Before failing {@code ids} as never delivered: returns those not sent, which are not sent until {@link #unfence}. */
  synchronized List<UUID> fence(List<UUID> ids) {
    epoch++;
    List<UUID> unsent = ids.stream().filter(id -> !sent.containsKey(id)).toList();
    fenced.addAll(unsent);
    return unsent;
  }

  /** The verdict on {@code ids} is written (or refused): a row read from now on shows it. */
  synchronized void unfence(List<UUID> ids) {
    ids.forEach(fenced::remove);
    epoch++;
  }

  /** When {@code id} was last sent by this node, or null. */
  Instant lastSentAt(UUID id) {
    Sent s = sent.get(id);
    return s == null ? null : s.lastSentAt();
  }

  boolean contains(UUID id) {
    return sent.containsKey(id);
  }

  /** Forgets a finished execution; returns nanoseconds since it was first sent, or -1 if this node did not send it. */
  long finished(UUID id) {
    Sent s = sent.remove(id);
    return s == null ? -1 : System.nanoTime() - s.firstNanos();
  }

  /** A stop: from now on nothing of {@code jobId} is sent; returns (and forgets) what of it was in flight. */
  synchronized Map<UUID, Sent> drain(String jobId) {
    stopped.add(jobId);
    return take(s -> s.jobId().equals(jobId));
  }

  /** When each execution of {@code jobId} in flight was last sent. */
  Map<UUID, Instant> sentOf(String jobId) {
    Map<UUID, Instant> of = new java.util.HashMap<>();
    sent.forEach((id, s) -> {
      if (s.jobId().equals(jobId)) {
        of.put(id, s.lastSentAt());
      }
    });
    return of;
  }

  /** The executions of {@code jobId} last sent before {@code cutoff}. */
  List<UUID> sentBefore(String jobId, Instant cutoff, int limit) {
    List<UUID> due = new ArrayList<>();
    for (Map.Entry<UUID, Sent> e : sent.entrySet()) {
      if (due.size() >= limit) {
        break;
      }
      if (e.getValue().jobId().equals(jobId) && e.getValue().lastSentAt().isBefore(cutoff)) {
        due.add(e.getKey());
      }
    }
    return due;
  }

  public int size() {
    return sent.size();
  }

  private Map<UUID, Sent> take(Predicate<Sent> which) {
    Map<UUID, Sent> taken = new java.util.HashMap<>();
    sent.forEach((id, s) -> {
      if (which.test(s) && sent.remove(id, s)) {
        taken.put(id, s);
      }
    });
    return taken;
  }
}
