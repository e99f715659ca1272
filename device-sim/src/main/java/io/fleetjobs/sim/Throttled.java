package io.fleetjobs.sim;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Asynchronous work over many items with a bound on how much is under way at once. */
final class Throttled {

  private Throttled() {}

  /**
   * Runs {@code task} for each item, at most {@code atOnce} at a time; each finished task starts the next one on
   * {@code executor} (never on the caller's stack, so no deep recursion, and not longer than needed on a network
   * thread). Completes once every task has, or exceptionally with the first failure, as {@code failure} words it.
   */
  static <T> CompletableFuture<Void> forEach(
      List<T> items, int atOnce, Function<T, CompletableFuture<?>> task, BiFunction<T, Throwable, Throwable> failure,
      Executor executor) {
    CompletableFuture<Void> all = new CompletableFuture<>();
    if (items.isEmpty()) {
      all.complete(null);
      return all;
    }
    Iterator<T> queue = List.copyOf(items).iterator();
    AtomicInteger left = new AtomicInteger(items.size());
    for (int i = 0; i < atOnce; i++) {
      next(queue, left, all, task, failure, executor);
    }
    return all;
  }

  private static <T> void next(
      Iterator<T> queue, AtomicInteger left, CompletableFuture<Void> all, Function<T, CompletableFuture<?>> task,
      BiFunction<T, Throwable, Throwable> failure, Executor executor) {
    T item;
    synchronized (queue) {
      if (all.isDone() || !queue.hasNext()) {
        return;
      }
      item = queue.next();
    }
    task.apply(item).whenCompleteAsync((v, e) -> {
      if (e != null) {
        all.completeExceptionally(failure.apply(item, e instanceof CompletionException && e.getCause() != null ? e.getCause() : e));
      } else if (left.decrementAndGet() == 0) {
        all.complete(null);
      } else {
        next(queue, left, all, task, failure, executor);
      }
    }, executor);
  }
}
