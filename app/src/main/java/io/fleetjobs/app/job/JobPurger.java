package io.fleetjobs.app.job;

import io.fleetjobs.app.common.BackgroundLoop;
import io.fleetjobs.app.common.DaemonThreads;
import io.fleetjobs.app.common.TransientRetry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the executions of deleted jobs in the background, on a daemon thread of its own ({@code fleet-job-purger}):
 * a job leaves every read in the one transaction that queues it ({@link JobService#delete}, the retention purge), and
 * this deletes its executions afterwards, {@code fleet.purge.batch-size} per transaction, by primary key, in keyset
 * pages of the {@code (job_id, device_id)} index, then its queue row. The queue is in the database, so what a crash
 * cut short resumes at the next start. A batch that fails transiently is retried ({@link TransientRetry}); it rolled
 * back whole or committed with the queue's remaining count, so the backlog gauges stay true.
 *
 * <p>Gauges {@code fleet_purge_backlog_jobs} and {@code fleet_purge_backlog_executions}: what is still to delete,
 * read from the (small) queue table after each batch and each queued job, never by a scrape.
 */
@Singleton
public class JobPurger implements BackgroundLoop {

  private static final Logger LOG = LoggerFactory.getLogger(JobPurger.class);
  static final String NAME = "fleet-job-purger";

  /** What one {@link #drain()} deleted. */
  record Drained(int jobs, long executions, int batches) {}

  private final PurgeQueue queue;
  private final TransientRetry retry;
  private final PurgeConfig config;
  private final AtomicLong backlogJobs = new AtomicLong();
  private final AtomicLong backlogExecutions = new AtomicLong();
  private final Semaphore wake = new Semaphore(0);
  private volatile Thread thread;

  JobPurger(PurgeQueue queue, TransientRetry retry, PurgeConfig config, MeterRegistry registry) {
    this.queue = queue;
    this.retry = retry;
    this.config = config;
    retry.register(NAME);
    Gauge.builder("fleet.purge.backlog.jobs", backlogJobs, AtomicLong::get)
        .description("Deleted jobs whose executions are still being deleted in the background").register(registry);
    Gauge.builder("fleet.purge.backlog.executions", backlogExecutions, AtomicLong::get)
        .description("Executions of deleted jobs still to be deleted in the background").register(registry);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Phase phase() {
    return Phase.HOUSEKEEPING;
  }

  @Override
  public void start() {
    refreshBacklog(); // one read of the small queue table, so the first scrape already shows what a crash left
    Thread t = DaemonThreads.named(NAME).newThread(this::run);
    thread = t;
    t.start();
  }

  @Override
  public void stop() {
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A job was queued (its transaction committed): the gauges show it at once and the purger starts on it. */
  public void queued() {
    refreshBacklog();
    wake.release();
  }

  private void run() {
    try {
      PurgeQueue.Backlog left = retry.untilDone(NAME, queue::backlog);
      if (left.jobs() > 0) {
        LOG.info("Resuming the purge of {} queued jobs ({} executions) that the last run left", left.jobs(), left.executions());
      }
      while (!Thread.currentThread().isInterrupted()) {
        drain();
        if (wake.tryAcquire(config.rescanInterval().toMillis(), TimeUnit.MILLISECONDS)) {
          wake.drainPermits();
        }
      }
    } catch (InterruptedException stopping) {
      LOG.info("The job purger stopped with the service; what is queued resumes at the next start");
    } catch (RuntimeException e) {
      LOG.error("The job purger failed; what is queued resumes at the next start", e);
    }
  }

  /** Deletes everything queued, on the caller's thread; returns what it deleted. */
  Drained drain() throws InterruptedException {
    long started = System.nanoTime();
    int jobs = 0;
    long executions = 0;
    int batches = 0;
    List<String> ids;
    while (!(ids = retry.untilDone(NAME, queue::queued)).isEmpty()) {
      for (String jobId : ids) {
        Drained one = purge(jobId);
        executions += one.executions();
        batches += one.batches();
        jobs++;
      }
    }
    refreshBacklog();
    if (jobs > 0) {
      long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
      LOG.info("Purged the executions of {} deleted jobs: {} executions in {} batches, {} ms ({} executions/s); none left",
          jobs, executions, batches, millis, executions * 1000 / millis);
    }
    return new Drained(jobs, executions, batches);
  }

  /** Deletes one queued job's executions, a batch per transaction, then takes it off the queue. */
  private Drained purge(String jobId) throws InterruptedException {
    long executions = 0;
    int batches = 0;
    String after = "";
    PurgeQueue.Page page;
    while (!(page = nextPage(jobId, after)).ids().isEmpty()) {
      List<java.util.UUID> keys = page.ids();
      executions += retry.untilDone(NAME, () -> queue.deleteBatch(jobId, keys));
      batches++;
      after = page.lastDevice();
      refreshBacklog();
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException();
      }
    }
    retry.untilDone(NAME, () -> queue.done(jobId));
    refreshBacklog();
    return new Drained(1, executions, batches);
  }

  private PurgeQueue.Page nextPage(String jobId, String after) throws InterruptedException {
    return retry.untilDone(NAME, () -> queue.page(jobId, after, config.batchSize()));
  }

  /**
   * Reads the backlog into the gauges. Synchronized so the value of the later read is the one set: a purger's read
   * from before a job was queued never overwrites the read that saw it.
   */
  private synchronized void refreshBacklog() {
    try {
      PurgeQueue.Backlog b = queue.backlog();
      backlogJobs.set(b.jobs());
      backlogExecutions.set(b.executions());
    } catch (RuntimeException e) {
      // the gauges keep their last values while the database is out of reach; the next batch reads them again.
      // Never thrown: a caller's job is queued and committed already
      if (!retry.countedRound(NAME, e)) {
        LOG.warn("Could not read the purge backlog", e);
      }
    }
  }
}
