package io.fleetjobs.app.job;

/** How many of a job's devices are in each status. */
public record JobCounts(long total, long pending, long completed, long failed, long canceled) {

  public static final JobCounts NONE = new JobCounts(0, 0, 0, 0, 0);

  public long of(ExecutionStatus status) {
    return switch (status) {
      case PENDING -> pending;
      case COMPLETED -> completed;
      case FAILED -> failed;
      case CANCELED -> canceled;
    };
  }
}
