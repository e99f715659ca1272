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

  /**
   * What this node knows of an execution's sending: when it last sent it (null: not since it started) and whether an
   * earlier process may have sent it (it was stored before this node's engine started).
   */
  record Sending(Instant lastSentAt, boolean maybeSentEarlier) {
    static final Sending NEVER = new Sending(null, false);
  }

  private ExecutionDecisions() {}

  static Decision decide(ExecutionRow row, Sending sending, ExecutionEvent event, Instant now) {
    if (event instanceof ExecutionEvent.DeviceReported reported) {
      return deviceReported(row, sending, reported, now);
    }
    return engineFailed(row, sending, (ExecutionEvent.EngineFailed) event, now);
  }

  private static Decision deviceReported(ExecutionRow row, Sending sending, ExecutionEvent.DeviceReported event, Instant now) {
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
          row.id(), row.version(), row.status(), row.failureReason(), null, null, details, null, update.version(), sending.lastSentAt(), now, null));
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
        row.id(), row.version(), row.status().to(target), reason, code, message, details, results, update.version(), sending.lastSentAt(), now,
        now));
  }

  private static Decision engineFailed(ExecutionRow row, Sending sending, ExecutionEvent.EngineFailed event, Instant now) {
    if (row == null || row.status() != ExecutionStatus.PENDING) {
      return Decision.of(Outcome.IGNORED);
    }
    Instant sent = sending.lastSentAt();
    boolean stillDue = switch (event.reason()) {
      // not sent again since a restart, though maybe sent before it: the sweeper counted its time from the restart
      case TIMED_OUT -> sent != null ? sent.isBefore(event.cutoff()) : sending.maybeSentEarlier() || row.deviceVersion() > 0;
      // not sent by this node, nor reported on (the sweeper ruled out an earlier process by the device's presence)
      case NEVER_DELIVERED -> sent == null && row.deviceVersion() == 0;
      default -> false;
    };
    if (!stillDue) {
      return Decision.of(Outcome.IGNORED);
    }
    return new Decision(Outcome.APPLIED, new ExecutionChange(
        row.id(), row.version(), row.status().to(ExecutionStatus.FAILED), event.reason(), event.reason().name(), event.message(),
        null, null, row.deviceVersion(), sent, now, now));
  }
}
