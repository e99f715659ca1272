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
        Duration.ofMinutes(5), Duration.ofMinutes(1), null, T0);
  }

  @Test
  void aJobWhoseDevicesAllCompletedIsCompleted() {
    Job job = aPendingJob();
    job.start(T0);
    job.finish(0, T0.plusSeconds(5));
    assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(job.finishedAt()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void aJobWithOneFailedDeviceIsFailed() {
    Job job = aPendingJob();
    job.start(T0);
    job.finish(1, T0);
    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
  }

  @Test
  void theDeliveryDeadlineCountsFromTheStart() {
    Job job = aPendingJob();
    assertThat(job.deliveryDeadline()).isNull();
    job.start(T0);
    assertThat(job.deliveryDeadline()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
  }

  @Test
  void aStoppedJobCannotBeStartedAgain() {
    Job job = aPendingJob();
    job.start(T0);
    job.stop(T0);
    assertThatThrownBy(() -> job.start(T0)).isInstanceOf(IllegalTransitionException.class);
    assertThat(JobService.whyNot(job, JobStatus.RUNNING)).contains("copy it");
  }

  @Test
  void aPendingJobCannotFinish() {
    assertThatThrownBy(() -> aPendingJob().finish(0, T0)).isInstanceOf(IllegalTransitionException.class);
  }
}
