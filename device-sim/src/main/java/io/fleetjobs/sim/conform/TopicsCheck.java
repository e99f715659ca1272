package io.fleetjobs.sim.conform;

import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.Topics;
import java.util.LinkedHashSet;
import java.util.Set;

/** §2 Topics: the device publishes only on its own four up topics, and subscribes only inside its own subtree. */
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
      } else if (m.channel() == null) {
        faults.add("publishes on '" + topic + "', which is not one of its own up topics");
      } else if (m.channel() == Channel.ENROLMENT_REQUEST) {
        faults.add("publishes an enrolment request on an ordinary connection; that topic is for enrolling connections only (§14)");
      }
    }
    e.subscribes().stream().filter(s -> !s.filter().startsWith(own))
        .forEach(s -> faults.add("subscribes to '" + s.filter() + "', outside its own subtree " + subtree
            + " (the service's broker refuses it)"));
    faults.forEach(findings::fault);
    return findings.result();
  }
}
