package io.fleetjobs.app.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExecutionStatusTest {

  private static final Set<String> ALLOWED =
      Set.of("PENDING->COMPLETED", "PENDING->FAILED", "PENDING->CANCELED", "CANCELED->COMPLETED", "CANCELED->FAILED");

  @ParameterizedTest(name = "from {0}")
  @EnumSource(ExecutionStatus.class)
  void everyTransitionIsAllowedExactlyWhenTheTableSaysSo(ExecutionStatus from) {
    for (ExecutionStatus to : ExecutionStatus.values()) {
      boolean allowed = ALLOWED.contains(from + "->" + to);
      assertThat(from.canBecome(to)).as(from + " -> " + to).isEqualTo(allowed);
      if (!allowed) {
        assertThatThrownBy(() -> from.to(to)).isInstanceOf(IllegalTransitionException.class);
      }
    }
  }

  @Test
  void completedAndFailedAreTerminalWhileCanceledStillTakesALateAnswer() {
    assertThat(ExecutionStatus.COMPLETED.isTerminal()).isTrue();
    assertThat(ExecutionStatus.FAILED.isTerminal()).isTrue();
    assertThat(ExecutionStatus.CANCELED.isTerminal()).isFalse();
    assertThat(ExecutionStatus.CANCELED.isDone()).isTrue();
    assertThat(ExecutionStatus.PENDING.isDone()).isFalse();
  }
}
