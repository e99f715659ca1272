package io.fleetjobs.app.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import io.fleetjobs.contract.message.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static Job aPendingJob() {
    return Job.pending("j1", "fan", null, "set", List.of(Operation.setting("fanSpeed", IntNode.valueOf(3))), false,
        Duration.ofMinutes(5), Duration.ofMinutes(1), null, T0, "ana");
  }

  @Test
  void aJobWhoseDevicesAllCompletedIsCompleted() {
    Job job = aPendingJob();
    job.start(T0, "ana", null);
    job.finish(done(3, 0), T0.plusSeconds(5));
    assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(job.finishedAt()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void aJobWithOneFailedDeviceIsFailed() {
    Job job = aPendingJob();
    job.start(T0, "ana", null);
    job.finish(done(2, 1), T0);
    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
  }

  @Test
  void theDeliveryDeadlineCountsFromTheStart() {
    Job job = aPendingJob();
    assertThat(job.deliveryDeadline()).isNull();
    job.start(T0, "ana", null);
    assertThat(job.deliveryDeadline()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
  }

  @Test
  void aStoppedJobCannotBeStartedAgain() {
    Job job = aPendingJob();
    job.start(T0, "ana", null);
    job.stop(T0, "bob");
    assertThatThrownBy(() -> job.start(T0, "ana", null)).isInstanceOf(IllegalTransitionException.class);
    assertThat(JobService.whyNot(job, JobStatus.RUNNING)).contains("copy it");
  }

  private static JobCounts done(long completed, long failed) {
    return new JobCounts(completed + failed, 0, completed, failed, 0);
  }

  @Test
  void eachVerbNotesWhatChangedWhenWhyAndByWhomOnce() {
    Job job = aPendingJob();
    job.start(T0.plusSeconds(1), "bob", null);
    job.finish(done(2, 1), T0.plusSeconds(9));
    assertThat(job.takeTransitions()).containsExactly(
        new JobTransition(null, JobStatus.PENDING, T0, "created", "ana"),
        new JobTransition(JobStatus.PENDING, JobStatus.RUNNING, T0.plusSeconds(1), "run", "bob"),
        new JobTransition(JobStatus.RUNNING, JobStatus.FAILED, T0.plusSeconds(9),
            "every device finished: 2 completed, 1 failed, 0 canceled", JobTransition.ENGINE));
    assertThat(job.takeTransitions()).as("taken once").isEmpty();
  }

  @Test
  void aRefusedChangeNotesNothing() {
    Job job = aPendingJob();
    job.takeTransitions();
    assertThatThrownBy(() -> job.finish(done(1, 0), T0)).isInstanceOf(IllegalTransitionException.class);
    assertThat(job.takeTransitions()).isEmpty();
    assertThat(job.status()).isEqualTo(JobStatus.PENDING);
  }

  @Test
  void aCopyNotesWhereItCameFrom() {
    Job copy = Job.pending("j2", "fan (copy)", null, "set", List.of(), false, Duration.ofMinutes(5), Duration.ofMinutes(1), "j1", T0, "bob");
    assertThat(copy.takeTransitions()).containsExactly(new JobTransition(null, JobStatus.PENDING, T0, "copied from job j1", "bob"));
  }

  @Test
  void aJobStillStoringItsExecutionsCannotFinishAndAStopAbandonsTheStoring() {
    Job job = aPendingJob();
    job.start(T0, "ana", "device-0999");
    assertThat(job.storing()).isEqualTo(Storing.STORING);
    assertThat(job.storingAfter()).isEqualTo("device-0999");
    assertThatThrownBy(() -> job.finish(done(1, 0), T0)).hasMessageContaining("being stored");
    assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
    job.stop(T0, "bob");
    assertThat(job.storing()).isEqualTo(Storing.ABANDONED);
    assertThat(job.storingAfter()).isNull();
    assertThatThrownBy(() -> job.stored("device-1999")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void storingEndsWhenTheLastBatchIsStoredAndThenTheJobCanFinish() {
    Job job = aPendingJob();
    job.start(T0, "ana", "");
    job.stored("device-0999");
    assertThat(job.isStoring()).isTrue();
    job.stored(null);
    assertThat(job.storing()).isEqualTo(Storing.STORED);
    job.finish(done(2, 0), T0);
    assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void storingPhasesFollowTheirTable() {
    assertThat(Storing.STORING.canBecome(Storing.STORED)).isTrue();
    assertThat(Storing.STORING.canBecome(Storing.ABANDONED)).isTrue();
    assertThat(Storing.STORED.isTerminal()).isTrue();
    assertThat(Storing.ABANDONED.canBecome(Storing.STORING)).isFalse();
    assertThatThrownBy(() -> Storing.STORED.to(Storing.STORING)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aPendingJobCannotFinish() {
    assertThatThrownBy(() -> aPendingJob().finish(done(1, 0), T0)).isInstanceOf(IllegalTransitionException.class);
  }
}
