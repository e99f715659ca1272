package io.fleetjobs.app.job;

import io.fleetjobs.app.common.Refusal;
import io.fleetjobs.app.engine.ExecutionReads;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** Whole-job views built page by page: the per-device CSV and the timeline. Neither holds the job in memory. */
@Singleton
public class JobExports {

  private static final int PAGE = 1000;
  static final String CSV_HEADER = "deviceId,deviceName,deviceDeleted,status,failureReason,errorCode,errorMessage,sentAt,finishedAt\n";

  private final JobService jobs;
  private final ExecutionReads executions;
  private final Clock clock;

  JobExports(JobService jobs, ExecutionReads executions, Clock clock) {
    this.jobs = jobs;
    this.executions = executions;
    this.clock = clock;
  }

  /** The per-device results as CSV chunks of {@value #PAGE} rows, read on a worker thread as the client reads. */
  public Flux<byte[]> csv(String jobId) {
    jobs.get(jobId);
    Flux<byte[]> rows = Flux.<List<ExecutionDetail>, String>generate(() -> "", (after, sink) -> {
          List<ExecutionDetail> page = executions.after(jobId, after, PAGE);
          if (page.isEmpty()) {
            sink.complete();
            return after;
          }
          sink.next(page);
          return page.get(page.size() - 1).deviceId();
        })
        .map(JobExports::csvRows);
    return Flux.concat(Flux.just(CSV_HEADER.getBytes(StandardCharsets.UTF_8)), rows).subscribeOn(Schedulers.boundedElastic());
  }

  private static byte[] csvRows(List<ExecutionDetail> page) {
    StringBuilder out = new StringBuilder(page.size() * 120);
    for (ExecutionDetail e : page) {
      out.append(cell(e.deviceId())).append(',').append(cell(e.deviceName())).append(',').append(e.deviceDeleted()).append(',')
          .append(e.status()).append(',').append(e.failureReason() == null ? "" : e.failureReason()).append(',')
          .append(cell(e.errorCode())).append(',').append(cell(e.errorMessage())).append(',')
          .append(e.dispatchedAt() == null ? "" : e.dispatchedAt()).append(',')
          .append(e.finishedAt() == null ? "" : e.finishedAt()).append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** RFC 4180 quoting, and no leading formula characters, so spreadsheets show device text as text. */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  /** Completions and failures of a job in {@code buckets} equal slices of its running time. */
  public Timeline timeline(String jobId, int buckets) {
    if (buckets < 1 || buckets > 500) {
      throw Refusal.invalid("buckets", "buckets must be between 1 and 500");
    }
    Job job = jobs.get(jobId);
    Instant start = job.startedAt() == null ? job.createdAt() : job.startedAt();
    Instant end = job.finishedAt() == null ? clock.instant() : job.finishedAt();
    long span = Math.max(1, end.toEpochMilli() - start.toEpochMilli());
    long bucketMillis = Math.max(1, (span + buckets - 1) / buckets);
    long[] completed = new long[buckets];
    long[] failed = new long[buckets];
    String after = "";
    List<io.fleetjobs.app.engine.ExecutionStore.Finish> page;
    while (!(page = executions.finishedAfter(jobId, after, PAGE * 5)).isEmpty()) {
      for (io.fleetjobs.app.engine.ExecutionStore.Finish f : page) {
        int i = (int) Math.min(buckets - 1, Math.max(0, (f.at().toEpochMilli() - start.toEpochMilli()) / bucketMillis));
        if (f.status() == ExecutionStatus.COMPLETED) {
          completed[i]++;
        } else if (f.status() == ExecutionStatus.FAILED) {
          failed[i]++;
        }
      }
      after = page.get(page.size() - 1).deviceId();
    }
    return new Timeline(start, end, bucketMillis, completed, failed);
  }
}
