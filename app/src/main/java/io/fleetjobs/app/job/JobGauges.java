package io.fleetjobs.app.job;

import io.fleetjobs.app.common.TransientRetry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.context.annotation.Context;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code fleet_jobs{status=...}} gauges: how many jobs are in each status. Refreshed on a schedule from one
 * grouped query, so a metrics scrape never touches the database.
 */
// created with the context so the gauges exist from the first scrape
@Context
class JobGauges {

  private final JobStore jobs;
  private final TransientRetry retry;
  private final Map<JobStatus, AtomicLong> values = new EnumMap<>(JobStatus.class);

  JobGauges(JobStore jobs, TransientRetry retry, MeterRegistry registry) {
    this.jobs = jobs;
    this.retry = retry;
    for (JobStatus status : JobStatus.values()) {
      AtomicLong value = new AtomicLong();
      values.put(status, value);
      Gauge.builder("fleet.jobs", value, AtomicLong::get).description("Jobs by status").tag("status", status.name()).register(registry);
    }
  }

  @Scheduled(fixedDelay = "5s", initialDelay = "1s")
  void refresh() {
    Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
    try {
      counts.putAll(jobs.countByStatus());
    } catch (RuntimeException e) {
      // while the database is out of reach the gauges keep their last values; the next refresh tries again
      if (retry.countedRound("fleet-job-gauges", e)) {
        return;
      }
      throw e;
    }
    values.forEach((status, value) -> value.set(counts.getOrDefault(status, 0L)));
  }
}
