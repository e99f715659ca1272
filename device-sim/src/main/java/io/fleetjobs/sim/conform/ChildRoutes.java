package io.fleetjobs.sim.conform;

import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.Topics;
import io.fleetjobs.contract.message.ExecutionUpdate;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * §9, executions addressed to a child: each is handled as §6 requires, its updates on that child's own
 * up/execution-update under the gateway; an update of any probe on another route (the gateway's own topic for a
 * child's execution, another child's, a child's for the gateway's) names an execution that is not that device's, which
 * the service refuses (UNKNOWN_EXECUTION).
 */
final class ChildRoutes {

  private ChildRoutes() {}

  static void judge(Evidence e, SectionResult.Findings findings) {
    long deadline = e.marks().getOrDefault(Scenario.CHILDREN_DEADLINE, Long.MAX_VALUE);
    for (Probe p : e.probes(Probe.Kind.CHILD)) {
      ExecutionCheck.judge(e.child(p.childId()), p, "child " + p.childId() + "'s execution of " + p.describe(), deadline, e, findings);
    }
    for (Probe p : e.probes(Probe.Kind.CHILD_AFTER_RECONNECT)) {
      if (e.child(p.childId()).firstFinal(p.executionId(), 0).isEmpty()) {
        findings.fault("after reconnecting, gave no final update to child " + p.childId() + "'s execution sent in answer to its"
            + " pending request");
      }
    }
    misrouted(e, findings);
  }

  private static void misrouted(Evidence e, SectionResult.Findings findings) {
    Set<String> faults = new LinkedHashSet<>();
    for (Probe p : e.probes()) {
      String expected = p.childId() == null ? Topics.topic(e.deviceId(), Channel.EXECUTION_UPDATE)
          : Topics.childTopic(e.deviceId(), p.childId(), Channel.EXECUTION_UPDATE);
      String whose = p.childId() == null ? "its own execution" : "child " + p.childId() + "'s execution";
      e.publishes().stream().filter(m -> !m.topic().equals(expected) && isUpdateOf(m, p.executionId()))
          .forEach(m -> faults.add("answered " + whose + " on " + m.topic() + ": an update goes on the up/execution-update of the device"
              + " the execution was sent to (the service refuses this one, UNKNOWN_EXECUTION)"));
    }
    faults.forEach(findings::fault);
  }

  private static boolean isUpdateOf(Observed.Publish publish, String executionId) {
    try {
      return Topics.parse(publish.topic()).channel() == Channel.EXECUTION_UPDATE
          && ContractJson.decode(publish.payload(), ExecutionUpdate.class).executionId().equals(executionId);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
