package io.fleetjobs.app.engine;

import io.fleetjobs.app.job.ExecutionDetail;
import io.fleetjobs.app.job.ExecutionStatus;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * A job's executions as the API shows them. A pending execution's sending lives in {@link InFlight}, not in its row
 * (its row is written once more, with its final state, and then keeps when it was last sent): that is laid over here.
 */
@Singleton
public class ExecutionReads {

  private final ExecutionStore executions;
  private final InFlight inFlight;

  ExecutionReads(ExecutionStore executions, InFlight inFlight) {
    this.executions = executions;
    this.inFlight = inFlight;
  }

  /** A page of a job's executions in device order, optionally of one status. */
  public List<ExecutionDetail> page(String jobId, ExecutionStatus status, long offset, int limit) {
    return withSending(executions.page(jobId, status, offset, limit));
  }

  /** The executions after {@code afterDevice} in device order: keyset paging for exports of any size. */
  public List<ExecutionDetail> after(String jobId, String afterDevice, int limit) {
    return withSending(executions.after(jobId, afterDevice, limit));
  }

  /** Finished executions after {@code afterDevice} in device order, for the timeline. */
  public List<ExecutionStore.Finish> finishedAfter(String jobId, String afterDevice, int limit) {
    return executions.finishedAfter(jobId, afterDevice, limit);
  }

  private List<ExecutionDetail> withSending(List<ExecutionDetail> rows) {
    return rows.stream().map(d -> d.status() != ExecutionStatus.PENDING ? d : new ExecutionDetail(d.id(), d.deviceId(), d.deviceName(),
        d.deviceDeleted(), d.status(), d.failureReason(), d.errorCode(), d.errorMessage(), d.detailsJson(), d.resultsJson(),
        inFlight.lastSentAt(d.id()), d.updatedAt(), d.finishedAt())).toList();
  }
}
