package io.fleetjobs.app.engine;

import io.fleetjobs.app.job.ExecutionStatus;
import io.fleetjobs.app.job.FailureReason;
import io.fleetjobs.app.common.JsonText;
import io.fleetjobs.contract.message.ExecutionUpdate;
import java.time.Instant;

/** Decides how an event changes an execution, following {@link ExecutionStatus}'s transitions. Pure logic. */
final class ExecutionDecisions {

  /** A decision: an outcome and, when APPLIED, the change to write. */
  record Decision(Outcome outcome, ExecutionChange change) {
    static Decision of(Outcome outcome) {
      return new Decision(outcome, null);
    }
  }

  private ExecutionDecisions() {}

  static Decision decide(ExecutionRow row, ExecutionEvent event, Instant now) {
    if (event instanceof ExecutionEvent.DeviceReported reported) {
      return deviceReported(row, reported, now);
    }
    return engineFailed(row, (ExecutionEvent.EngineFailed) event, now);
  }

  private static Decision deviceReported(ExecutionRow row, ExecutionEvent.DeviceReported event, Instant now) {
    if (row == null || !row.deviceId().equals(event.deviceId())) {
      return Decision.of(Outcome.UNKNOWN_EXECUTION);
    }
    ExecutionUpdate update = event.update();
    if (update.version() <= row.deviceVersion()) {
      return Decision.of(Outcome.DUPLICATE);
    }
    String details = update.details().isEmpty() ? null : JsonText.write(update.details());
    String results = update.results().isEmpty() ? null : JsonText.write(update.results());
    if (!update.status().isFinal()) {
      if (row.status().isTerminal()) {
        return Decision.of(Outcome.IGNORED);
      }
      return new Decision(Outcome.APPLIED, new ExecutionChange(
          row.id(), row.version(), row.status(), row.failureReason(), null, null, details, null, update.version(), now, null));
    }
    ExecutionStatus target = update.status() == io.fleetjobs.contract.message.UpdateStatus.SUCCEEDED
        ? ExecutionStatus.COMPLETED : ExecutionStatus.FAILED;
    if (!row.status().canBecome(target)) {
      return Decision.of(Outcome.IGNORED);
    }
    FailureReason reason = switch (update.status()) {
      case FAILED -> FailureReason.DEVICE_ERROR;
      case REJECTED -> FailureReason.REJECTED;
      default -> null;
    };
    String code = update.error() == null ? null : update.error().code();
    String message = update.error() == null ? null : update.error().message();
    return new Decision(Outcome.APPLIED, new ExecutionChange(
        row.id(), row.version(), row.status().to(target), reason, code, message, details, results, update.version(), now, now));
  }

  private static Decision engineFailed(ExecutionRow row, ExecutionEvent.EngineFailed event, Instant now) {
    if (row == null || row.status() != ExecutionStatus.PENDING) {
      return Decision.of(Outcome.IGNORED);
    }
    boolean stillDue = switch (event.reason()) {
      case TIMED_OUT -> row.sentAt() != null && row.sentAt().isBefore(event.cutoff());
      case NEVER_DELIVERED -> row.sentAt() == null;
      default -> false;
    };
    if (!stillDue) {
      return Decision.of(Outcome.IGNORED);
    }
    return new Decision(Outcome.APPLIED, new ExecutionChange(
        row.id(), row.version(), row.status().to(ExecutionStatus.FAILED), event.reason(), event.reason().name(), event.message(),
        null, null, row.deviceVersion(), now, now));
  }
}
