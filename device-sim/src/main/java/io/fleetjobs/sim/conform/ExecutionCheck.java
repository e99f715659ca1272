package io.fleetjobs.sim.conform;

import io.fleetjobs.contract.message.ExecutionUpdate;
import io.fleetjobs.contract.message.UpdateStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * §6 Handling an execution, for each operation's execution: exactly one final update, within its timeout; versions
 * 1, 2, 3, ... in order; nothing after the final update; a FAILED error message that names the failing operation.
 */
final class ExecutionCheck implements SectionCheck {

  @Override
  public SectionResult judge(Evidence e) {
    var findings = new SectionResult.Findings(Section.EXECUTION);
    if (e.connects().isEmpty()) {
      return findings.fault("the device never connected").result();
    }
    long deadline = e.marks().getOrDefault(Scenario.OPERATIONS_DEADLINE, Long.MAX_VALUE);
    for (Probe p : e.probes(Probe.Kind.OPERATION)) {
      judge(e.messages(), p, "the execution of " + p.describe(), deadline, e, findings);
    }
    return findings.result();
  }

  /**
   * The rules of §6 for one probe, from {@code messages} (the device's own, or a child's, §9); {@code name} starts each
   * finding; a final update after {@code deadline} came too late.
   */
  static void judge(DeviceMessages messages, Probe p, String name, long deadline, Evidence e, SectionResult.Findings findings) {
    List<ExecutionUpdate> updates = distinct(messages.updates(p.executionId()));
    List<DeviceMessages.Update> finals = messages.updates(p.executionId()).stream().filter(u -> u.update().status().isFinal()).toList();
    if (finals.isEmpty()) {
      findings.fault(name + ": no final update within its timeout of " + e.options().timeoutSeconds() + " s (the service would"
          + " record it TIMED_OUT); it sent " + (updates.isEmpty() ? "no well-formed update" : describe(updates)));
      return;
    }
    if (finals.get(0).seq() > deadline) {
      findings.fault(name + ": its final update came after its timeout of " + e.options().timeoutSeconds() + " s");
    }
    long distinctFinals = updates.stream().filter(u -> u.status().isFinal()).count();
    if (distinctFinals > 1) {
      findings.fault(name + ": " + distinctFinals + " different final updates (" + describe(updates) + "); exactly one is allowed");
    }
    for (int i = 0; i < updates.size(); i++) {
      if (updates.get(i).version() != i + 1) {
        findings.fault(name + ": versions went " + describe(updates) + "; they start at 1 and grow by one with each update");
        break;
      }
    }
    int last = updates.indexOf(updates.stream().filter(u -> u.status().isFinal()).findFirst().orElseThrow());
    if (last < updates.size() - 1) {
      findings.fault(name + ": more updates after its final one (" + describe(updates) + ")");
    }
    ExecutionUpdate outcome = updates.get(last);
    if (outcome.status() == UpdateStatus.FAILED
        && p.request().operations().stream().noneMatch(o -> outcome.error().message().contains(o.name()))) {
      findings.fault(name + ": FAILED with message '" + outcome.error().message() + "', which does not name the failing operation");
    }
  }

  /** The updates in order, an identical repeat (same status and version) counted once. */
  private static List<ExecutionUpdate> distinct(List<DeviceMessages.Update> all) {
    List<ExecutionUpdate> distinct = new ArrayList<>();
    for (DeviceMessages.Update u : all) {
      if (distinct.stream().noneMatch(d -> d.status() == u.update().status() && d.version().equals(u.update().version()))) {
        distinct.add(u.update());
      }
    }
    return distinct;
  }

  static String describe(List<ExecutionUpdate> updates) {
    return String.join(", ", updates.stream().map(u -> u.status() + " v" + u.version()).toList());
  }
}
