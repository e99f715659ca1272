package io.fleetjobs.app.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.data.exceptions.DataAccessException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransientRetryTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicBoolean reachable = new AtomicBoolean(true);
  private final TransientRetry retry = new TransientRetry(reachable::get, registry);

  private double retries(String writer) {
    var counter = registry.find("fleet.db.retries").tag("writer", writer).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void transientFailuresAreRetriedUntilTheWorkGoesThroughAndCounted() throws InterruptedException {
    AtomicInteger attempts = new AtomicInteger();
    String result = retry.untilDone("test-writer", () -> {
      if (attempts.incrementAndGet() <= 2) {
        throw new DataAccessException("down", new SQLException("connection refused", "08001"));
      }
      return "written";
    });
    assertThat(result).isEqualTo("written");
    assertThat(attempts).hasValue(3);
    assertThat(retries("test-writer")).isEqualTo(2);
  }

  @Test
  void aFailureAboutTheDataIsTheCallersAtOnce() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> retry.untilDone("test-writer", () -> {
      attempts.incrementAndGet();
      throw new DataAccessException("duplicate", new SQLException("duplicate key", "23505"));
    })).isInstanceOf(DataAccessException.class);
    assertThat(attempts).hasValue(1);
    assertThat(retries("test-writer")).isZero();
  }

  @Test
  void anUnknownFailureIsRetriedWhileTheDatabaseDoesNotAnswer() throws InterruptedException {
    reachable.set(false);
    AtomicInteger attempts = new AtomicInteger();
    retry.untilDone("test-writer", () -> {
      if (attempts.incrementAndGet() == 1) {
        throw new IllegalStateException("some driver failure without a state");
      }
      reachable.set(true);
    });
    assertThat(attempts).hasValue(2);
    assertThat(retries("test-writer")).isEqualTo(1);
  }

  @Test
  void anInterruptedRetryGivesUp() {
    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> retry.untilDone("test-writer", () -> {
      throw new DataAccessException("down", new SQLException("gone", "57P01"));
    })).isInstanceOf(InterruptedException.class);
  }

  @Test
  void aLoopsFailedRoundIsCountedOnlyWhenTransient() {
    assertThat(retry.countedRound("test-loop", new DataAccessException("timeout", new SQLException("canceled", "57014")))).isTrue();
    assertThat(retry.countedRound("test-loop", new IllegalStateException("a bug"))).isFalse();
    assertThat(retries("test-loop")).isEqualTo(1);
  }

  @Test
  void aRegisteredWriterIsExportedAtZeroBeforeAnyFailure() {
    retry.register("quiet-writer");
    assertThat(retries("quiet-writer")).isZero();
  }
}
