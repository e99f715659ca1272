package io.fleetjobs.app.engine;

import io.fleetjobs.app.common.BackgroundLoop;
import io.fleetjobs.app.job.CountsStore;
import io.fleetjobs.app.job.Job;
import io.fleetjobs.app.job.JobCounts;
import io.fleetjobs.app.job.JobEvents;
import io.fleetjobs.app.job.JobStore;
import io.fleetjobs.app.job.JobsConfig;
import io.fleetjobs.app.common.DaemonThreads;
import io.fleetjobs.app.common.Sql;
import io.fleetjobs.app.common.TransientRetry;
import io.fleetjobs.app.device.Device;
import io.fleetjobs.app.device.DeviceService;
import io.fleetjobs.app.deviceset.DeviceSet;
import io.fleetjobs.app.deviceset.DeviceSetService;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a running job's executions, one per device of its set (or chosen subset), in device id order, a batch per
 * transaction. The run call stores the first batch itself and answers; this stores the rest in the background, so a
 * 100,000-device job starts in milliseconds and its first devices get work while the rest is being stored. Where it
 * got to is kept on the job, so storing resumes after a restart. Each batch holds the job's row lock: a stop waits
 * for the batch and then cancels it with the rest. A batch that fails transiently (the database restarting, no free
 * connection, a statement timeout) is retried from the stored cursor until it goes through: it rolled back whole,
 * or committed with its cursor, so nothing is stored twice.
 */
@Singleton
public class JobMaterializer implements BackgroundLoop {

  private static final Logger LOG = LoggerFactory.getLogger(JobMaterializer.class);
  private static final String NAME = "fleet-job-storer";

  /** What one step stored, and where the next one starts ({@code null}: all stored). */
  public record Step(long stored, String next) {}

  private final JobStore jobs;
  private final CountsStore counts;
  private final ExecutionStore executions;
  private final DeviceSetService sets;
  private final DeviceService devices;
  private final ExecutionLedger ledger;
  private final JobsConfig config;
  private final Sql sql;
  private final TransientRetry retry;
  private final Clock clock;
  private final ApplicationEventPublisher<Object> events;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(DaemonThreads.named(NAME));

  JobMaterializer(
      JobStore jobs, CountsStore counts, ExecutionStore executions, DeviceSetService sets, DeviceService devices, ExecutionLedger ledger,
      JobsConfig config, Sql sql, TransientRetry retry, Clock clock, ApplicationEventPublisher<Object> events) {
    this.jobs = jobs;
    this.counts = counts;
    this.executions = executions;
    this.sets = sets;
    this.devices = devices;
    this.ledger = ledger;
    this.config = config;
    this.sql = sql;
    this.retry = retry;
    retry.register(NAME);
    this.clock = clock;
    this.events = events;
  }

  /**
   * Stores executions for the devices after {@code after} (use "" to start) until at least one is stored or the set
   * is walked to its end. Runs inside the caller's transaction.
   */
  public Step storeFirst(Job job, DeviceSet set, String after, Instant now) {
    String cursor = after;
    long stored = 0;
    while (stored == 0 && cursor != null) {
      Step step = step(job, set, cursor, now);
      stored += step.stored();
      cursor = step.next();
    }
    return new Step(stored, cursor);
  }

  /** Stores the rest of a job's executions in the background. */
  public void continueStoring(String jobId) {
    worker.execute(() -> storeRest(jobId));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Phase phase() {
    return Phase.ENGINE;
  }

  @Override
  public void start() {
    for (String jobId : jobs.storing()) {
      LOG.info("Resuming storing the executions of job {}", jobId);
      continueStoring(jobId);
    }
  }

  @Override
  public void stop() {
    worker.shutdownNow();
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void storeRest(String jobId) {
    long started = System.nanoTime();
    long total = 0;
    try {
      // read once, not per batch: the whole walk uses one definition of the job and of its set
      Job job = retry.untilDone(NAME, () -> jobs.find(jobId).orElse(null));
      DeviceSet set = job == null ? null : retry.untilDone(NAME, () -> sets.find(job.deviceSetId()).orElse(null));
      while (!Thread.currentThread().isInterrupted()) {
        // each batch under the job's row lock, from the cursor read under it; a stop meanwhile abandoned the storing
        Optional<Step> step = retry.untilDone(NAME, () -> sql.inTransaction(() -> jobs.lock(jobId).filter(Job::isStoring).map(locked -> {
          // a set deleted meanwhile ends the job's storing: what is stored runs
          Step s = set == null ? new Step(0, null) : step(locked, set, locked.storingAfter(), clock.instant());
          locked.stored(s.next());
          jobs.saveStoring(locked);
          return s;
        })));
        if (step.isEmpty()) {
          break; // stopped meanwhile, or nothing left
        }
        total += step.get().stored();
        events.publishEvent(new JobEvents.Stored(jobId));
        if (step.get().next() == null) {
          break;
        }
      }
      LOG.info("Stored {} more executions of job {} in {} ms", total, jobId, (System.nanoTime() - started) / 1_000_000);
      // devices may have answered everything stored so far already
      retry.untilDone(NAME, () -> ledger.finishJobsIfDone(List.of(jobId)));
    } catch (InterruptedException e) {
      LOG.info("Storing the executions of job {} stopped with the service after {} more; it resumes at the next start", jobId, total);
    } catch (RuntimeException e) {
      // the job keeps its cursor: storing resumes at the next start
      LOG.error("Storing the executions of job {} failed after {} more; it resumes at the next start", jobId, total, e);
    }
  }

  /** Stores one batch of executions after {@code after} and adds them to the job's counts. */
  private Step step(Job job, DeviceSet set, String after, Instant now) {
    int limit = config.insertBatchSize();
    List<Device> members;
    String next;
    if (job.subset()) {
      List<String> targets = jobs.targetsAfter(job.id(), after, limit);
      members = targets.isEmpty() ? List.of() : sets.members(set, devices.liveAmong(targets));
      next = targets.size() < limit ? null : targets.get(targets.size() - 1);
    } else {
      DeviceSetService.Page page = sets.page(set, after, limit);
      members = page.members();
      next = page.last();
    }
    if (!members.isEmpty()) {
      int n = executions.insertPending(job.id(), members.stream().map(Device::id).toList(), now);
      counts.add(job.id(), new JobCounts(n, n, 0, 0, 0));
    }
    return new Step(members.size(), next);
  }
}
