package io.fleetjobs.sim.conform;

import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.Topics;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * §2 Topics: the device publishes only on its own four up topics (or, as a gateway, on its children's four up topics
 * under its gateway subtree, §9), and subscribes only inside its own two subtrees.
 */
final class TopicsCheck implements SectionCheck {

  @Override
  public SectionResult judge(Evidence e) {
    var findings = new SectionResult.Findings(Section.TOPICS);
    if (e.connects().isEmpty()) {
      return findings.fault("the device never connected").result();
    }
    Set<String> faults = new LinkedHashSet<>();
    String subtree = Topics.deviceSubtree(e.deviceId());
    String own = subtree.substring(0, subtree.length() - 1);
    for (DeviceMessages.Message m : e.messages().all()) {
      String topic = m.publish().topic();
      if (m.channel() == null && m.violation() != null) {
        faults.add("publishes on '" + topic + "', which is not a topic of contract v1 (" + m.violation().code() + ")");
      } else if (m.channel() == null && e.ownChildTopic(topic).filter(t -> t.channel().direction() == Channel.Direction.UP).isPresent()) {
        continue; // a gateway speaking for a child: §9 judges it
      } else if (m.channel() == null) {
        faults.add("publishes on '" + topic + "', which is not one of its own up topics");
      } else if (m.channel() == Channel.ENROLMENT_REQUEST) {
        faults.add("publishes an enrolment request on an ordinary connection; that topic is for enrolling connections only (§14)");
      }
    }
    String children = Topics.gatewaySubtree(e.deviceId());
    String gatewayOwn = children.substring(0, children.length() - 1);
    e.subscribes().stream().filter(s -> !s.filter().startsWith(own) && !s.filter().startsWith(gatewayOwn))
        .forEach(s -> faults.add("subscribes to '" + s.filter() + "', outside its own subtrees " + subtree + " and " + children
            + " (the service's broker refuses it)"));
    faults.forEach(findings::fault);
    return findings.result();
  }
}
