package io.fleetjobs.app.retention;

import io.fleetjobs.app.job.JobService;
import io.fleetjobs.app.job.JobStore;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Purges finished jobs older than {@code fleet.retention.days} with their executions, in batches. */
@Singleton
public class RetentionService {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionService.class);

  private final JobStore jobs;
  private final JobService jobService;
  private final RetentionConfig config;
  private final Clock clock;

  RetentionService(JobStore jobs, JobService jobService, RetentionConfig config, Clock clock) {
    this.jobs = jobs;
    this.jobService = jobService;
    this.config = config;
    this.clock = clock;
  }

  /** Purges every finished job that finished before the retention window; returns how many jobs went. */
  public int purge() {
    Instant cutoff = clock.instant().minus(Duration.ofDays(config.days()));
    int purged = 0;
    List<String> ids;
    while (!(ids = jobs.finishedBefore(cutoff, 100)).isEmpty()) {
      for (String id : ids) {
        jobService.purge(id, config.batchSize());
        purged++;
      }
    }
    if (purged > 0) {
      LOG.info("Purged {} jobs that finished before {}", purged, cutoff);
    }
    return purged;
  }
}
