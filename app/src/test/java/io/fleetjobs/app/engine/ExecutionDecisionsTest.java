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

  private static ExecutionRow row(ExecutionStatus status, long deviceVersion, Instant sentAt) {
    return new ExecutionRow(ID, "job", "dev-1", status, null, deviceVersion, sentAt, sentAt, 7);
  }

  private static ExecutionEvent reported(String device, ExecutionUpdate update) {
    return new ExecutionEvent.DeviceReported(ID, device, update);
  }

  @Test
  void aSuccessCompletesAPendingExecution() {
    var d = ExecutionDecisions.decide(row(ExecutionStatus.PENDING, 0, NOW), reported("dev-1", ExecutionUpdate.succeeded(ID.toString(), 1, Map.of())), NOW);
    assertThat(d.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(d.change().status()).isEqualTo(ExecutionStatus.COMPLETED);
    assertThat(d.change().expectedVersion()).isEqualTo(7);
    assertThat(d.change().deviceVersion()).isEqualTo(1);
  }

  @Test
  void aRejectionFailsWithReasonRejectedAndTheDevicesError() {
    var update = ExecutionUpdate.rejected(ID.toString(), 1, new DeviceError("NOT_APPLICABLE", "no fan"));
    var d = ExecutionDecisions.decide(row(ExecutionStatus.PENDING, 0, NOW), reported("dev-1", update), NOW);
    assertThat(d.change().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(d.change().failureReason()).isEqualTo(FailureReason.REJECTED);
    assertThat(d.change().errorCode()).isEqualTo("NOT_APPLICABLE");
  }

  @Test
  void aRepeatedVersionIsADuplicate() {
    var d = ExecutionDecisions.decide(row(ExecutionStatus.COMPLETED, 2, NOW), reported("dev-1", ExecutionUpdate.succeeded(ID.toString(), 2, null)), NOW);
    assertThat(d.outcome()).isEqualTo(Outcome.DUPLICATE);
  }

  @Test
  void anotherDevicesExecutionIsUnknown() {
    var d = ExecutionDecisions.decide(row(ExecutionStatus.PENDING, 0, NOW), reported("dev-2", ExecutionUpdate.succeeded(ID.toString(), 1, null)), NOW);
    assertThat(d.outcome()).isEqualTo(Outcome.UNKNOWN_EXECUTION);
    assertThat(ExecutionDecisions.decide(null, reported("dev-1", ExecutionUpdate.succeeded(ID.toString(), 1, null)), NOW).outcome())
        .isEqualTo(Outcome.UNKNOWN_EXECUTION);
  }

  @Test
  void aLateAnswerAfterACancelIsRecordedTruthfully() {
    var d = ExecutionDecisions.decide(row(ExecutionStatus.CANCELED, 0, NOW), reported("dev-1", ExecutionUpdate.succeeded(ID.toString(), 1, null)), NOW);
    assertThat(d.change().status()).isEqualTo(ExecutionStatus.COMPLETED);
  }

  @Test
  void anAnswerAfterATimeoutIsIgnored() {
    var d = ExecutionDecisions.decide(row(ExecutionStatus.FAILED, 0, NOW), reported("dev-1", ExecutionUpdate.succeeded(ID.toString(), 1, null)), NOW);
    assertThat(d.outcome()).isEqualTo(Outcome.IGNORED);
  }

  @Test
  void progressKeepsTheStatusAndStoresTheDetails() {
    var update = ExecutionUpdate.inProgress(ID.toString(), 1, Map.of("step", com.fasterxml.jackson.databind.node.IntNode.valueOf(2)));
    var d = ExecutionDecisions.decide(row(ExecutionStatus.PENDING, 0, NOW), reported("dev-1", update), NOW);
    assertThat(d.change().status()).isEqualTo(ExecutionStatus.PENDING);
    assertThat(d.change().detailsJson()).contains("step");
    assertThat(d.change().finishedAt()).isNull();
  }

  @Test
  void aTimeoutOnlyFailsAnExecutionSentBeforeTheCutoff() {
    var event = new ExecutionEvent.EngineFailed(ID, FailureReason.TIMED_OUT, NOW.minusSeconds(60), "late");
    assertThat(ExecutionDecisions.decide(row(ExecutionStatus.PENDING, 0, NOW.minusSeconds(120)), event, NOW).change().failureReason())
        .isEqualTo(FailureReason.TIMED_OUT);
    assertThat(ExecutionDecisions.decide(row(ExecutionStatus.PENDING, 0, NOW.minusSeconds(30)), event, NOW).outcome()).isEqualTo(Outcome.IGNORED);
    assertThat(ExecutionDecisions.decide(row(ExecutionStatus.COMPLETED, 1, NOW.minusSeconds(120)), event, NOW).outcome()).isEqualTo(Outcome.IGNORED);
  }

  @Test
  void neverDeliveredOnlyFailsAnExecutionThatWasNeverSent() {
    var event = new ExecutionEvent.EngineFailed(ID, FailureReason.NEVER_DELIVERED, NOW, "offline");
    assertThat(ExecutionDecisions.decide(row(ExecutionStatus.PENDING, 0, null), event, NOW).change().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(ExecutionDecisions.decide(row(ExecutionStatus.PENDING, 0, NOW), event, NOW).outcome()).isEqualTo(Outcome.IGNORED);
  }
}
