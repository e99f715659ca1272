package io.fleetjobs.sim.conform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An append-only list that a reader can wait on: the broker's threads add, the conformance run waits until what it
 * expects has arrived or its time is up. Listeners hear of each item as it is added (conform answers refused messages
 * at once, as the service does).
 */
final class Timeline<T> {

  private final List<T> items = new ArrayList<>(); // guarded by this
  private final List<Consumer<T>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  void add(T item) {
    synchronized (this) {
      items.add(item);
      notifyAll();
    }
    listeners.forEach(l -> l.accept(item));
  }

  void onAdd(Consumer<T> listener) {
    listeners.add(listener);
  }

  synchronized List<T> snapshot() {
    return List.copyOf(items);
  }

  /** Waits until {@code done} holds for the whole list, at most {@code timeout}; whether it holds. */
  synchronized boolean await(Predicate<List<T>> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.test(items)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        wait(Math.max(1, left / 1_000_000), 0);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
