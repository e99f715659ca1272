package io.fleetjobs.sim.conform;

import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.message.UpdateStatus;
import java.util.List;

/**
 * §8 Timeouts and cancel: work canceled while in progress gets nothing more (unless the device cannot stop:
 * {@code --cannot-cancel}); a cancel of finished work changes nothing. Timeouts are §6's check.
 */
final class CancelCheck implements SectionCheck {

  @Override
  public SectionResult judge(Evidence e) {
    var findings = new SectionResult.Findings(Section.CANCEL);
    if (e.connects().isEmpty()) {
      return findings.fault("the device never connected").result();
    }
    var probe = e.probe(Probe.Kind.CANCEL);
    if (probe.isEmpty()) {
      return SectionResult.notChecked(Section.CANCEL, "the device answered no execution in §6, so a cancel could not be judged");
    }
    judge(e, e.messages(), probe.get(), findings);
    return findings.result();
  }

  /** The cancel of probe {@code p}, judged from {@code messages} (the device's own, or a child's, §9). */
  static void judge(Evidence e, DeviceMessages messages, Probe p, SectionResult.Findings findings) {
    String id = p.executionId();
    List<Sent> cancels = e.sends(id, Channel.CANCEL);
    if (cancels.isEmpty()) {
      return;
    }
    long canceled = cancels.get(0).seq();
    List<DeviceMessages.Update> updates = messages.updates(id);
    boolean finishedBefore = updates.stream().anyMatch(u -> u.seq() < canceled && u.update().status().isFinal());
    boolean working = !finishedBefore && updates.stream().anyMatch(u -> u.seq() < canceled && u.update().status() == UpdateStatus.IN_PROGRESS);
    List<DeviceMessages.Update> after = updates.stream().filter(u -> u.seq() > canceled).toList();
    String sent = ExecutionCheck.describe(after.stream().map(DeviceMessages.Update::update).toList());
    if (finishedBefore) {
      findings.note("it had finished before the cancel arrived; checked only that the cancel changed nothing");
      if (!after.isEmpty()) {
        findings.fault("answered the cancel of finished work with " + sent + "; it must ignore it");
      }
    } else if (after.isEmpty()) {
      if (!working) {
        findings.note("it sends no IN_PROGRESS, so the cancel went out right after the execution");
      }
    } else if (e.options().cannotCancel()) {
      findings.note("reported " + sent + " after the cancel: its truthful outcome, as it cannot stop (--cannot-cancel)");
    } else if (working) {
      findings.fault("sent " + sent + " after the execution was canceled while it worked on it: a device that stops sends nothing"
          + " more; one that cannot stop reports its outcome (run conform with --cannot-cancel)");
    } else {
      findings.note("sent " + sent + " after the cancel; it sends no IN_PROGRESS, so conform cannot tell whether it had finished"
          + " before the cancel reached it");
    }
  }
}
