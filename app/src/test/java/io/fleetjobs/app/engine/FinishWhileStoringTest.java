package io.fleetjobs.app.engine;

import io.fleetjobs.app.job.CountsStore;
import io.fleetjobs.app.job.FailureReason;
import io.fleetjobs.app.job.Job;
import io.fleetjobs.app.job.JobCounts;
import io.fleetjobs.app.job.JobFeed;
import io.fleetjobs.app.job.JobStatus;
import io.fleetjobs.app.job.JobStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleetjobs.app.common.Sql;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.ComponentTest;
import io.fleetjobs.app.support.Fixtures;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * "Is this job finished?" against the background storing of its executions: the decision reads the job's counts and
 * whether it is still storing, and the storer's last batch commits more pending executions and ends storing in one
 * transaction. When that batch commits between the two reads, the job must not finish with the batch never sent.
 * The race is forced: right after the deciding thread reads the counts, the storer is let run its last batch.
 */
@MicronautTest(transactional = false)
class FinishWhileStoringTest extends ComponentTest {

  /** Counts that, once armed, run a step right after the arming thread's next read: where the race's window opens. */
  static final class RacingCounts extends CountsStore {
    private final AtomicReference<Thread> armedFor = new AtomicReference<>();
    private volatile Runnable step;

    RacingCounts(Sql sql) {
      super(sql);
    }

    void afterNextRead(Runnable step) {
      this.step = step;
      armedFor.set(Thread.currentThread());
    }

    /** Whether the step had not run yet (and now never will). */
    boolean disarm() {
      return armedFor.getAndSet(null) != null;
    }

    @Override
    public JobCounts get(String jobId) {
      JobCounts read = super.get(jobId);
      if (armedFor.compareAndSet(Thread.currentThread(), null)) {
        step.run();
      }
      return read;
    }
  }

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  JobStore jobs;

  @Inject
  CountsStore counts;

  @Inject
  ExecutionStore executions;

  @Inject
  ExecutionLedger ledger;

  @Inject
  JobMaterializer materializer;

  @Inject
  Clock clock;

  @Inject
  JobFeed feed;

  @MockBean(CountsStore.class)
  CountsStore racingCounts(Sql sql) {
    return new RacingCounts(sql);
  }

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(super.getProperties());
    properties.put("fleet.jobs.insert-batch-size", "3");
    return properties;
  }

  @BeforeAll
  void fleet() {
    Api api = Api.asAdmin(client.toBlocking());
    api.post("/api/templates", Fixtures.fridgeTemplate("race-fridge"));
    for (int i = 0; i < 4; i++) {
      api.post("/api/devices", Fixtures.device("race-" + i, "race-fridge", "any"));
    }
    api.post("/api/device-sets", Fixtures.allOfTemplateSet("race-all", "race-fridge"));
  }

  /** A running job whose executions for {@code answered} are stored and already answered, still storing after the last. */
  private Job storingWithAllStoredAnswered(List<String> answered) {
    Instant now = clock.instant();
    Job job = Job.pending(UUID.randomUUID().toString(), "race", null, "race-all", List.of(), false,
        Duration.ofHours(1), Duration.ofHours(1), null, now, "test");
    job.start(now, "test", answered.get(answered.size() - 1)); // still storing after the last answered device
    jobs.insert(job);
    counts.create(job.id());
    int first = executions.insertPending(job.id(), answered, now);
    counts.add(job.id(), new JobCounts(first, first, 0, 0, 0));
    List<UUID> stored = executions.pendingForDevices(answered).stream()
        .filter(row -> row.jobId().equals(job.id())).map(ExecutionRow::id).toList();
    ledger.record(stored.stream()
        .map(id -> new ExecutionEvent.EngineFailed(id, FailureReason.NEVER_DELIVERED, now, "gone"))
        .toList());
    assertThat(counts.get(job.id())).isEqualTo(new JobCounts(first, 0, 0, first, 0));
    assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
    return job;
  }

  @Test
  void aJobDoesNotFinishWhileItsLastBatchOfExecutionsIsBeingStored() {
    // its first batch (race-0..2) answered, its last device still to be stored
    Job job = storingWithAllStoredAnswered(List.of("race-0", "race-1", "race-2"));

    RacingCounts racing = (RacingCounts) counts;
    racing.afterNextRead(() -> {
      materializer.continueStoring(job.id());
      try {
        // where the decision does not hold the job, the storer commits now; where it does, the storer waits for it
        await().atMost(Duration.ofSeconds(1)).until(() -> !jobs.isStoring(job.id()));
      } catch (ConditionTimeoutException storerWaits) {
        // the storer is blocked behind the deciding transaction: the window is closed
      }
    });
    ledger.finishJobsIfDone(List.of(job.id()));
    if (racing.disarm()) {
      materializer.continueStoring(job.id()); // the decision read no counts (it saw the job storing): store it now
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> !jobs.isStoring(job.id()));
    assertThat(counts.get(job.id())).isEqualTo(new JobCounts(4, 1, 0, 3, 0));
    assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
  }

  @Test
  void aJobThatFinishesAtTheEndOfStoringReachesTheLiveViews() {
    // every device's execution stored and answered; the storer finds nothing more and ends storing
    Job job = storingWithAllStoredAnswered(List.of("race-0", "race-1", "race-2", "race-3"));
    // as a live view does: on each change it is told of, it reads the job again; the stored batch's change comes
    // before the finish, so only a change published by the finish itself shows the view FAILED
    List<JobStatus> seen = new CopyOnWriteArrayList<>();
    Disposable listening = feed.changes().filter(job.id()::equals)
        .subscribe(id -> seen.add(jobs.find(id).orElseThrow().status()));
    try {
      materializer.continueStoring(job.id());
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(JobStatus.FAILED));
    } finally {
      listening.dispose();
    }
  }
}
