package io.fleetjobs.sim.conform;

import io.fleetjobs.contract.Topics;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * §9 Gateways and child devices, for a device given children ({@code --child}): the reconnect rule with the children
 * ({@link ChildAnnouncements}); each child's execution handled as §6 on the child's own topics ({@link ChildRoutes}:
 * none answered on another route); for the first child that answers, a repeat judged as §7 and a cancel as §8; every
 * payload for a child is the message a direct device would send (§3, §4); one property-report counter per child; a
 * child's messages never on the child's own direct topics (NOT_A_CHILD).
 */
final class GatewayCheck implements SectionCheck {

  @Override
  public SectionResult judge(Evidence e) {
    if (!e.options().gateway()) {
      Set<String> seen = e.childrenSeen();
      return SectionResult.notChecked(Section.GATEWAYS, "no --child given: conform checked " + e.deviceId() + " as a direct device"
          + (seen.isEmpty() ? "" : "; it spoke for children " + String.join(", ", seen) + ": give them with --child to check it as"
              + " their gateway"));
    }
    var findings = new SectionResult.Findings(Section.GATEWAYS);
    if (e.connects().isEmpty()) {
      return findings.fault("the gateway never connected").result();
    }
    ChildAnnouncements.judge(e, findings);
    ChildRoutes.judge(e, findings);
    e.probe(Probe.Kind.CHILD_DUPLICATE).ifPresent(p ->
        DuplicatesCheck.repeats(e, e.child(p.childId()), p, findings.about("child " + p.childId() + ": ")));
    e.probe(Probe.Kind.CHILD_CANCEL).ifPresent(p ->
        CancelCheck.judge(e, e.child(p.childId()), p, findings.about("child " + p.childId() + ": ")));
    payloads(e, findings);
    for (String child : e.options().children()) {
      DuplicatesCheck.reportVersions(e.child(child)).ifPresent(f -> findings.fault("child " + child + ": " + f));
      directTopics(e, child, findings);
    }
    Set<String> others = new LinkedHashSet<>(e.childrenSeen());
    others.removeAll(e.options().children());
    if (!others.isEmpty()) {
      findings.note("it also spoke for " + String.join(", ", others) + " (not given with --child): only their payloads were checked");
    }
    findings.note("conform cannot detach a child: a child's OFFLINE presence when it leaves is not checked");
    return findings.result();
  }

  /** Every child payload read as the service reads it: a refused one breaks "same payloads". */
  private static void payloads(Evidence e, SectionResult.Findings findings) {
    Set<String> faults = new LinkedHashSet<>();
    for (String child : e.childrenSeen()) {
      for (DeviceMessages.Message m : e.child(child).all()) {
        if (m.channel() == null || m.ok()) {
          continue;
        }
        String field = m.violation().field() == null ? "" : " (field " + m.violation().field() + ")";
        faults.add("for child " + child + " on up/" + m.channel().segment() + ": " + m.violation().code() + field + ", "
            + m.violation().getMessage() + ", in " + SectionCheck.clip(m.publish().text()) + " (a child's payloads are a direct"
            + " device's, §3, §4)");
      }
    }
    faults.forEach(findings::fault);
  }

  /** A gateway speaks for a child only under its own gateway subtree; the child's direct topics are refused. */
  private static void directTopics(Evidence e, String child, SectionResult.Findings findings) {
    String direct = Topics.deviceSubtree(child);
    String prefix = direct.substring(0, direct.length() - 1);
    List<String> topics = e.publishes().stream().map(Observed.Publish::topic).filter(t -> t.startsWith(prefix)).distinct().toList();
    for (String topic : topics) {
      findings.fault("published for child " + child + " on its direct topic " + topic + ": the service refuses it (NOT_A_CHILD); a"
          + " child's topics are under " + Topics.gatewaySubtree(e.deviceId()));
    }
  }
}
