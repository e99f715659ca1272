package io.fleetjobs.app.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobStatusTest {

  private static final Set<String> ALLOWED =
      Set.of("PENDING->RUNNING", "PENDING->STOPPED", "RUNNING->COMPLETED", "RUNNING->FAILED", "RUNNING->STOPPED");

  @ParameterizedTest(name = "from {0}")
  @EnumSource(JobStatus.class)
  void everyTransitionIsAllowedExactlyWhenTheTableSaysSo(JobStatus from) {
    for (JobStatus to : JobStatus.values()) {
      boolean allowed = ALLOWED.contains(from + "->" + to);
      assertThat(from.canBecome(to)).as(from + " -> " + to).isEqualTo(allowed);
      if (allowed) {
        assertThat(from.to(to)).isEqualTo(to);
      } else {
        assertThatThrownBy(() -> from.to(to)).isInstanceOf(IllegalTransitionException.class).hasMessageContaining(from + " to " + to);
      }
    }
  }

  @Test
  void onlyFinishedStatusesAreTerminal() {
    assertThat(EnumSet.allOf(JobStatus.class).stream().filter(JobStatus::isTerminal))
        .containsExactlyInAnyOrder(JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.STOPPED);
  }

  @Test
  void aStoppedJobCanNeverRunAgain() {
    assertThat(JobStatus.STOPPED.canBecome(JobStatus.RUNNING)).isFalse();
  }

  @Test
  void theStoresQueriesNameTheTerminalStatusesFromTheLifecycle() {
    assertThat(JobStatus.terminalSql()).isEqualTo("('COMPLETED', 'FAILED', 'STOPPED')");
    assertThat(JobStatus.RUNNING.sql()).isEqualTo("'RUNNING'");
  }
}
