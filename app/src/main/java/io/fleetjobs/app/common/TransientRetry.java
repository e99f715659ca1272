package io.fleetjobs.app.common;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries the background writers' database work through outages: a failure that goes away by itself
 * ({@link TransientErrors}), or any failure while the database does not answer at all, is retried after a backoff of
 * 100 ms doubling up to 5 s, for as long as it lasts; any other failure is the caller's. Every retry is counted in
 * {@code fleet_db_retries_total{writer}}; the log gets one line per writer per 10 s while it lasts (with how many more)
 * and one when the database answers again, never a line per attempt. It sleeps on the caller's thread: background writers only, never a request or network thread.
 */
@Singleton
public class TransientRetry {

  private static final Logger LOG = LoggerFactory.getLogger(TransientRetry.class);
  static final long FIRST_BACKOFF_MILLIS = 100;
  static final long MAX_BACKOFF_MILLIS = 5_000;

  private final BooleanSupplier reachable;
  private final MeterRegistry registry;
  private final Map<String, Counter> retries = new ConcurrentHashMap<>();
  // real time, not the service's clock: this only paces log lines
  private final ThrottledLog warnings = new ThrottledLog(LOG, java.time.Clock.systemUTC(), java.time.Duration.ofSeconds(10), 100);

  @Inject
  public TransientRetry(Sql sql, MeterRegistry registry) {
    this(sql::isReachable, registry);
  }

  /** With a reachability check of its own (tests: a database that does or does not answer). */
  public TransientRetry(BooleanSupplier reachable, MeterRegistry registry) {
    this.reachable = reachable;
    this.registry = registry;
  }

  /** Runs {@code work} until it succeeds or fails for good; interrupted, it gives up (the service is stopping). */
  public <T> T untilDone(String writer, Supplier<T> work) throws InterruptedException {
    long backoff = FIRST_BACKOFF_MILLIS;
    long failures = 0;
    long firstFailure = 0;
    while (true) {
      try {
        T result = work.get();
        if (failures > 0) {
          LOG.info("{}: the database answers again; done after {} retries in {} ms", writer, failures,
              (System.nanoTime() - firstFailure) / 1_000_000);
        }
        return result;
      } catch (RuntimeException e) {
        if (!isTransient(e)) {
          throw e;
        }
        if (failures++ == 0) {
          firstFailure = System.nanoTime();
        }
        counter(writer).increment();
        warnings.warn(writer, "{}: database unavailable ({}); retrying in {} ms, attempt {}", writer, TransientErrors.summary(e), backoff, failures);
        Thread.sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
      }
    }
  }

  public void untilDone(String writer, Runnable work) throws InterruptedException {
    untilDone(writer, () -> {
      work.run();
      return null;
    });
  }

  /** Whether {@code failure} is worth retrying: transient, or the database does not answer a trivial query. */
  public boolean isTransient(RuntimeException failure) {
    return TransientErrors.isTransient(failure) || !reachable.getAsBoolean();
  }

  /**
   * For loops that retry on their own at their next round (the dispatcher, the timeout sweep): counts the failed round
   * and logs it like {@link #untilDone} does; returns false when it was no transient failure, which
   * the caller logs in full.
   */
  public boolean countedRound(String writer, RuntimeException failure) {
    if (!isTransient(failure)) {
      return false;
    }
    counter(writer).increment();
    warnings.warn(writer, "{}: database unavailable ({}); the next round retries", writer, TransientErrors.summary(failure));
    return true;
  }

  /** Makes the writer's counter exist from the start, at 0. */
  public void register(String writer) {
    counter(writer);
  }

  private Counter counter(String writer) {
    return retries.computeIfAbsent(writer, w -> Counter.builder("fleet.db.retries")
        .description("Database work retried after a transient failure (database down, no free connection, statement timeout)")
        .tag("writer", w)
        .register(registry));
  }
}
