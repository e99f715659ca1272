package io.fleetjobs.app.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleetjobs.app.common.Sql;
import io.fleetjobs.app.common.TransientRetry;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.ComponentTest;
import io.fleetjobs.app.support.Fixtures;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A deleted job leaves every read in one transaction; {@link JobPurger} then deletes its executions in batches (three
 * per batch here), resumes a queue that a crash left, and retries a batch that fails transiently without deleting
 * anything twice. The context's own purger sleeps between wake-ups (rescan once an hour), so the tests that queue
 * jobs directly drain them on their own thread.
 */
@MicronautTest(transactional = false)
class JobPurgerTest extends ComponentTest {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  Sql sql;

  @Inject
  PurgeQueue queue;

  @Inject
  JobPurger purger;

  @Inject
  TransientRetry retry;

  @Inject
  MeterRegistry registry;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(super.getProperties());
    properties.put("fleet.purge.batch-size", "3");
    properties.put("fleet.purge.rescan-interval", "1h");
    return properties;
  }

  @Test
  void aDeletedJobIsGoneAtOnceFromEveryReadAndThePurgerDeletesItsExecutionsInTheBackground() {
    Api api = Api.asAdmin(client.toBlocking());
    api.post("/api/templates", Fixtures.fridgeTemplate("purge-fridge"));
    for (int i = 0; i < 7; i++) {
      api.post("/api/devices", Fixtures.device("purge-%02d".formatted(i), "purge-fridge", "north"));
    }
    api.post("/api/device-sets", Fixtures.allOfTemplateSet("purge-all", "purge-fridge"));
    String id = api.post("/api/jobs", Fixtures.fanSpeedJob("purge-all", 1, true)).body().get("id").asText();
    await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/jobs/" + id).body().get("counts").get("total").asInt() == 7);
    api.post("/api/jobs/" + id + "/stop");

    assertThat(api.delete("/api/jobs/" + id).status()).isEqualTo(204);

    assertThat(api.get("/api/jobs/" + id).status()).isEqualTo(404);
    assertThat(api.get("/api/jobs/" + id + "/devices").status()).isEqualTo(404);
    assertThat(api.get("/api/jobs?size=100").body().get("items")).noneMatch(j -> j.get("id").asText().equals(id));
    assertThat(sql.count("SELECT COUNT(*) FROM job_counts WHERE job_id = ?", ps -> ps.setString(1, id))).isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> executionsOf(id) == 0 && queue.backlog().jobs() == 0);
    assertThat(registry.get("fleet.purge.backlog.executions").gauge().value()).isZero();
    assertThat(registry.get("fleet.purge.backlog.jobs").gauge().value()).isZero();
  }

  @Test
  void theExecutionsOfAQueuedJobAreDeletedBatchByBatchThenItsQueueRow() throws InterruptedException {
    String job = queuedJobWith(10);

    JobPurger.Drained drained = purger.drain();

    assertThat(drained).isEqualTo(new JobPurger.Drained(1, 10, 4)); // 3 + 3 + 3 + 1
    assertThat(executionsOf(job)).isZero();
    assertThat(queue.queued()).doesNotContain(job);
  }

  @Test
  void aPurgeCutShortIsResumedByTheNextPurgerAndItsBacklogCountsWhatIsLeft() throws InterruptedException {
    String job = queuedJobWith(8);
    // the last run deleted one batch and died
    queue.deleteBatch(job, queue.page(job, "", 3).ids());
    SimpleMeterRegistry gauges = new SimpleMeterRegistry();
    JobPurger next = new JobPurger(queue, retry, new PurgeConfig(3, Duration.ofHours(1)), gauges);

    next.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> executionsOf(job) == 0 && !queue.queued().contains(job));
      assertThat(gauges.get("fleet.purge.backlog.executions").gauge().value()).isZero();
    } finally {
      next.stop();
    }
  }

  @Test
  void aBatchThatFailsTransientlyIsRetriedAndNothingIsDeletedTwice() throws InterruptedException {
    String job = queuedJobWith(5);
    AtomicInteger failures = new AtomicInteger();
    PurgeQueue flaky = new PurgeQueue(sql) {
      @Override
      int deleteBatch(String jobId, List<UUID> ids) {
        if (failures.getAndIncrement() == 0) {
          throw new IllegalStateException(new SQLTransientConnectionException("no free connection"));
        }
        return super.deleteBatch(jobId, ids);
      }
    };
    double retriesBefore = retries();

    JobPurger.Drained drained = new JobPurger(flaky, retry, new PurgeConfig(3, Duration.ofHours(1)), new SimpleMeterRegistry()).drain();

    assertThat(drained).isEqualTo(new JobPurger.Drained(1, 5, 2));
    assertThat(executionsOf(job)).isZero();
    assertThat(retries() - retriesBefore).isEqualTo(1);
  }

  private double retries() {
    return registry.get("fleet.db.retries").tag("writer", JobPurger.NAME).counter().count();
  }

  /** A deleted job's executions as the queue holds them: no job row, a queue row, {@code n} execution rows. */
  private String queuedJobWith(int n) {
    String job = "queued-" + UUID.randomUUID().toString().substring(0, 8);
    sql.inTransaction(() -> {
      sql.batch("INSERT INTO execution (id, job_id, device_id, status, device_version, updated_at, version) VALUES (?, ?, ?, 'CANCELED', 0, ?, 1)",
          IntStream.range(0, n).mapToObj("dev-%03d"::formatted).toList(), (ps, device) -> {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, job);
            ps.setString(3, device);
            Sql.setInstant(ps, 4, Instant.now());
          });
      queue.enqueue(job, n, Instant.now());
    });
    return job;
  }

  private long executionsOf(String job) {
    return sql.count("SELECT COUNT(*) FROM execution WHERE job_id = ?", ps -> ps.setString(1, job));
  }
}
