package io.fleetjobs.app.faults.hostile;

import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.message.ExecutionUpdate;
import io.fleetjobs.contract.message.UpdateStatus;
import java.util.List;

/**
 * What the contract makes of the updates a device sent, in order, for its execution in a stopped job (CONTRACT.md §7
 * and §8): the execution stays canceled until the first final update whose version is above every version recorded
 * before it; progress records its version without changing the status; anything at or below the last recorded version
 * is a repeat; after the final answer nothing changes it.
 */
final class LateAnswers {

  private LateAnswers() {}

  /** {@code canceled}, {@code completed} or {@code failed}: the job's count the execution ends in. */
  static String outcome(List<Shot> shots, String executionId) {
    long recorded = 0;
    for (Shot shot : shots) {
      ExecutionUpdate update = decoded(shot);
      if (update == null || !update.executionId().equals(executionId) || update.version() <= recorded) {
        continue;
      }
      if (update.status() == UpdateStatus.IN_PROGRESS) {
        recorded = update.version();
      } else {
        return update.status() == UpdateStatus.SUCCEEDED ? "completed" : "failed";
      }
    }
    return "canceled";
  }

  private static ExecutionUpdate decoded(Shot shot) {
    if (shot.channel() != io.fleetjobs.contract.Channel.EXECUTION_UPDATE || !shot.expected().accepted()) {
      return null;
    }
    try {
      return ContractJson.decode(shot.payload(), ExecutionUpdate.class);
    } catch (ContractViolation e) {
      throw new IllegalStateException("a shot expected to be accepted is not: " + shot, e);
    }
  }
}
