package io.fleetjobs.app.engine;

import io.fleetjobs.app.job.ExecutionStatus;
import io.fleetjobs.app.job.FailureReason;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.contract.message.DeviceError;
import io.fleetjobs.contract.message.ExecutionUpdate;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExecutionDecisionsTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");
  private static final UUID ID = UUID.randomUUID();

  /** A row, and when this node last sent it (null: not since it started). */
  private record Sent(ExecutionRow row, ExecutionDecisions.Sending sending) {}

  private static Sent row(ExecutionStatus status, long deviceVersion, Instant sentAt) {
    return new Sent(new ExecutionRow(ID, "job", "dev-1", status, null, deviceVersion, NOW.minusSeconds(600), 7),
        new ExecutionDecisions.Sending(sentAt, false));
  }

  /** A row stored before the service restarted and not sent since. */
  private static Sent storedBeforeARestart(long deviceVersion) {
    return new Sent(new ExecutionRow(ID, "job", "dev-1", ExecutionStatus.PENDING, null, deviceVersion, NOW.minusSeconds(600), 7),
        new ExecutionDecisions.Sending(null, true));
  }

  private static ExecutionDecisions.Decision decide(Sent sent, ExecutionEvent event) {
    return ExecutionDecisions.decide(sent.row(), sent.sending(), event, NOW);
  }

  private static ExecutionEvent reported(String device, ExecutionUpdate update) {
    return new ExecutionEvent.DeviceReported(ID, device, update);
  }

  @Test
  void aSuccessCompletesAPendingExecution() {
    var d = decide(row(ExecutionStatus.PENDING, 0, NOW), reported("dev-1", ExecutionUpdate.succeeded(ID.toString(), 1, Map.of())));
    assertThat(d.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(d.change().status()).isEqualTo(ExecutionStatus.COMPLETED);
    assertThat(d.change().expectedVersion()).isEqualTo(7);
    assertThat(d.change().deviceVersion()).isEqualTo(1);
  }

  @Test
  void aRejectionFailsWithReasonRejectedAndTheDevicesError() {
    var update = ExecutionUpdate.rejected(ID.toString(), 1, new DeviceError("NOT_APPLICABLE", "no fan"));
    var d = decide(row(ExecutionStatus.PENDING, 0, NOW), reported("dev-1", update));
    assertThat(d.change().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(d.change().failureReason()).isEqualTo(FailureReason.REJECTED);
    assertThat(d.change().errorCode()).isEqualTo("NOT_APPLICABLE");
  }

  @Test
  void aRepeatedVersionIsADuplicate() {
    var d = decide(row(ExecutionStatus.COMPLETED, 2, NOW), reported("dev-1", ExecutionUpdate.succeeded(ID.toString(), 2, null)));
    assertThat(d.outcome()).isEqualTo(Outcome.DUPLICATE);
  }

  @Test
  void anotherDevicesExecutionIsUnknown() {
    var d = decide(row(ExecutionStatus.PENDING, 0, NOW), reported("dev-2", ExecutionUpdate.succeeded(ID.toString(), 1, null)));
    assertThat(d.outcome()).isEqualTo(Outcome.UNKNOWN_EXECUTION);
    assertThat(ExecutionDecisions.decide(null, ExecutionDecisions.Sending.NEVER, reported("dev-1", ExecutionUpdate.succeeded(ID.toString(), 1, null)), NOW).outcome())
        .isEqualTo(Outcome.UNKNOWN_EXECUTION);
  }

  @Test
  void aLateAnswerAfterACancelIsRecordedTruthfully() {
    var d = decide(row(ExecutionStatus.CANCELED, 0, NOW), reported("dev-1", ExecutionUpdate.succeeded(ID.toString(), 1, null)));
    assertThat(d.change().status()).isEqualTo(ExecutionStatus.COMPLETED);
  }

  @Test
  void anAnswerAfterATimeoutIsIgnored() {
    var d = decide(row(ExecutionStatus.FAILED, 0, NOW), reported("dev-1", ExecutionUpdate.succeeded(ID.toString(), 1, null)));
    assertThat(d.outcome()).isEqualTo(Outcome.IGNORED);
  }

  @Test
  void progressKeepsTheStatusAndStoresTheDetails() {
    var update = ExecutionUpdate.inProgress(ID.toString(), 1, Map.of("step", com.fasterxml.jackson.databind.node.IntNode.valueOf(2)));
    var d = decide(row(ExecutionStatus.PENDING, 0, NOW), reported("dev-1", update));
    assertThat(d.change().status()).isEqualTo(ExecutionStatus.PENDING);
    assertThat(d.change().detailsJson()).contains("step");
    assertThat(d.change().finishedAt()).isNull();
  }

  @Test
  void aTimeoutOnlyFailsAnExecutionSentBeforeTheCutoff() {
    var event = new ExecutionEvent.EngineFailed(ID, FailureReason.TIMED_OUT, NOW.minusSeconds(60), "late");
    assertThat(decide(row(ExecutionStatus.PENDING, 0, NOW.minusSeconds(120)), event).change().failureReason())
        .isEqualTo(FailureReason.TIMED_OUT);
    assertThat(decide(row(ExecutionStatus.PENDING, 0, NOW.minusSeconds(30)), event).outcome()).isEqualTo(Outcome.IGNORED);
    assertThat(decide(row(ExecutionStatus.COMPLETED, 1, NOW.minusSeconds(120)), event).outcome()).isEqualTo(Outcome.IGNORED);
  }

  @Test
  void neverDeliveredOnlyFailsAnExecutionThatWasNeverSent() {
    var event = new ExecutionEvent.EngineFailed(ID, FailureReason.NEVER_DELIVERED, NOW, "offline");
    assertThat(decide(row(ExecutionStatus.PENDING, 0, null), event).change().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(decide(row(ExecutionStatus.PENDING, 0, NOW), event).outcome()).isEqualTo(Outcome.IGNORED);
  }

  @Test
  void anExecutionStoredBeforeARestartAndNotSentSinceCanTimeOutAndOneReportedOnIsNeverUndelivered() {
    var timedOut = new ExecutionEvent.EngineFailed(ID, FailureReason.TIMED_OUT, NOW.minusSeconds(60), "late");
    var never = new ExecutionEvent.EngineFailed(ID, FailureReason.NEVER_DELIVERED, NOW, "offline");
    assertThat(decide(storedBeforeARestart(0), timedOut).change().failureReason()).isEqualTo(FailureReason.TIMED_OUT);
    assertThat(decide(row(ExecutionStatus.PENDING, 0, null), timedOut).outcome()).as("never sent: nothing to time out").isEqualTo(Outcome.IGNORED);
    // one whose device reported progress had it, whoever sent it
    assertThat(decide(row(ExecutionStatus.PENDING, 1, null), never).outcome()).isEqualTo(Outcome.IGNORED);
  }

  @Test
  void theFinalWriteRecordsWhenTheExecutionWasLastSent() {
    Instant sent = NOW.minusSeconds(5);
    var d = decide(row(ExecutionStatus.PENDING, 0, sent), reported("dev-1", ExecutionUpdate.succeeded(ID.toString(), 1, Map.of())));
    assertThat(d.change().sentAt()).isEqualTo(sent);
  }
}
