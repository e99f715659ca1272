package io.fleetjobs.app.retention;

import io.fleetjobs.app.job.JobService;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges finished jobs older than {@code fleet.retention.days}: each is deleted as the API deletes one (gone from
 * every read in one transaction), and its executions follow in the background ({@code JobPurger}).
 */
@Singleton
public class RetentionService {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionService.class);
  private static final int JOBS_PER_ROUND = 100;

  private final JobService jobService;
  private final RetentionConfig config;
  private final Clock clock;

  RetentionService(JobService jobService, RetentionConfig config, Clock clock) {
    this.jobService = jobService;
    this.config = config;
    this.clock = clock;
  }

  /** Deletes every finished job that finished before the retention window; returns how many jobs went. */
  public int purge() {
    Instant cutoff = clock.instant().minus(Duration.ofDays(config.days()));
    int purged = 0;
    int round;
    while ((round = jobService.purgeFinishedBefore(cutoff, JOBS_PER_ROUND)) > 0) {
      purged += round;
    }
    if (purged > 0) {
      LOG.info("Deleted {} jobs that finished before {}; their executions are deleted in the background", purged, cutoff);
    }
    return purged;
  }
}
