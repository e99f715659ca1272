package io.fleetjobs.sim.conform;

import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.message.PropertyReport;
import io.fleetjobs.contract.message.UpdateStatus;
import java.util.List;

/**
 * §7 Duplicates and versions. A repeat while the device works is ignored (one final update only, unless it had
 * finished already); a repeat of finished work is answered with the same final update again (same status and version)
 * and nothing else: no IN_PROGRESS, no property report, which would show the work applied again. Property reports'
 * versions grow. A device that re-applies a repeat silently and answers identically cannot be told apart from outside.
 */
final class DuplicatesCheck implements SectionCheck {

  @Override
  public SectionResult judge(Evidence e) {
    var findings = new SectionResult.Findings(Section.DUPLICATES);
    if (e.connects().isEmpty()) {
      return findings.fault("the device never connected").result();
    }
    var probe = e.probe(Probe.Kind.DUPLICATE);
    if (probe.isEmpty()) {
      return SectionResult.notChecked(Section.DUPLICATES, "the device answered no execution in §6, so repeats could not be judged");
    }
    repeats(e, e.messages(), probe.get(), findings);
    reportVersions(e.messages()).ifPresent(findings::fault);
    findings.note("a device that applies a repeat again without a word and answers it identically cannot be told apart from outside");
    return findings.result();
  }

  /** The repeats of probe {@code p}, judged from {@code messages} (the device's own, or a child's, §9). */
  static void repeats(Evidence e, DeviceMessages messages, Probe p, SectionResult.Findings findings) {
    List<Sent> sends = e.sends(p.executionId(), Channel.EXECUTION);
    if (sends.size() < 3) {
      return;
    }
    long whileWorking = sends.get(1).seq();
    long afterFinal = sends.get(2).seq();
    List<DeviceMessages.Update> updates = messages.updates(p.executionId());
    List<DeviceMessages.Update> finals = updates.stream().filter(u -> u.update().status().isFinal()).toList();
    if (finals.isEmpty()) {
      findings.fault("gave the repeated execution no final update at all");
      return;
    }
    DeviceMessages.Update first = finals.get(0);
    long beforeSecondRepeat = finals.stream().filter(u -> u.seq() < afterFinal).count();
    long allowed = first.seq() < whileWorking ? 2 : 1; // finished before the first repeat: that one is answered again
    if (beforeSecondRepeat > allowed) {
      findings.fault("sent " + beforeSecondRepeat + " final updates after a repeat that came while it was working on the execution:"
          + " it must ignore that repeat (§6 step 1)");
    }
    finals.stream().filter(u -> u.update().status() != first.update().status() || !u.update().version().equals(first.update().version()))
        .findFirst().ifPresent(u -> findings.fault("answered a repeat with " + u.update().status() + " v" + u.update().version()
            + " after " + first.update().status() + " v" + first.update().version() + ": a repeat gets the same final update again"));
    if (finals.stream().noneMatch(u -> u.seq() > afterFinal)) {
      findings.fault("did not send its final update again when the finished execution came again (§6 step 1)");
    }
    long windowEnd = e.nextSendAfter(afterFinal);
    if (updates.stream().anyMatch(u -> u.seq() > afterFinal && u.update().status() == UpdateStatus.IN_PROGRESS)) {
      findings.fault("answered the repeat of a finished execution with IN_PROGRESS: it started the work again; it must never apply"
          + " an execution twice");
    }
    boolean reported = messages.on(Channel.PROPERTIES).stream()
        .anyMatch(m -> m.publish().seq() > afterFinal && m.publish().seq() < windowEnd);
    if (reported) {
      findings.fault("sent a property report after the repeat of a finished execution: it applied the work again");
    }
  }

  /** The fault in one counter of property reports (a device's, or a child's, §9), if its versions do not grow. */
  static java.util.Optional<String> reportVersions(DeviceMessages messages) {
    long last = 0;
    for (DeviceMessages.Message m : messages.on(Channel.PROPERTIES)) {
      if (!m.ok() || m.publish().dup()) {
        continue;
      }
      long version = ((PropertyReport) m.value()).version();
      if (version <= last) {
        return java.util.Optional.of("property report versions went " + last + " then " + version + ": each report's version must be"
            + " greater than the last, or the service ignores it");
      }
      last = version;
    }
    return java.util.Optional.empty();
  }
}
