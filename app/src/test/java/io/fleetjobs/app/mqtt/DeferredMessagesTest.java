package io.fleetjobs.app.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleetjobs.app.common.TransientRetry;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.ErrorCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeferredMessagesTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  // the database answers a trivial query: only failures that are transient themselves are retried
  private final DeferredMessages deferred = new DeferredMessages(new TransientRetry(() -> true, registry));
  private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    deferred.stop();
  }

  @Test
  void aMessageThatMetADatabaseOutOfReachIsHandledOnceItAnswersAgain() {
    AtomicInteger attempts = new AtomicInteger();
    AtomicInteger handled = new AtomicInteger();
    deferred.retry("fleet/v1/devices/d-1/up/execution", () -> {
      if (attempts.incrementAndGet() <= 2) {
        throw new RuntimeException("wrapped", new SQLTransientConnectionException("Connection is not available"));
      }
      handled.incrementAndGet();
    }, failures::add);

    await().atMost(Duration.ofSeconds(5)).until(() -> handled.get() == 1);
    assertThat(attempts).hasValue(3);
    assertThat(failures).isEmpty();
    assertThat(registry.get("fleet.db.retries").tag("writer", DeferredMessages.WRITER).counter().count()).isEqualTo(2);
  }

  @Test
  void aMessageThatBreaksTheContractOnceTheDatabaseAnswersIsRefusedAsAnyOther() {
    deferred.retry("fleet/v1/devices/d-1/up/execution", () -> {
      throw new ContractViolation(ErrorCode.NOT_A_CHILD, "topic", "not this gateway's child");
    }, failures::add);

    await().atMost(Duration.ofSeconds(5)).until(() -> failures.size() == 1);
    assertThat(failures.get(0)).isInstanceOf(ContractViolation.class);
  }
}
