package io.fleetjobs.sim.conform;

import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.Topics;
import io.fleetjobs.contract.message.Presence;
import io.fleetjobs.contract.message.PresenceState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * §1 Connection: MQTT 5 or 3.1.1, user name (if any) = device id, keep alive 30-60 s, the last will (OFFLINE presence
 * on up/presence, QoS 1, not retained), the down subscription at QoS 1, every publish at QoS 1 and never retained.
 */
final class ConnectionCheck implements SectionCheck {

  @Override
  public SectionResult judge(Evidence e) {
    var findings = new SectionResult.Findings(Section.CONNECTION);
    if (e.connects().isEmpty()) {
      return findings.fault("the device never connected within " + ConformOptions.describe(e.options().connectWait())).result();
    }
    Set<String> faults = new LinkedHashSet<>(); // one line per kind of fault, not one per connection
    Map<String, List<Integer>> perConnection = new LinkedHashMap<>();
    String presence = Topics.topic(e.deviceId(), Channel.PRESENCE);
    for (Observed.Connect c : e.connects()) {
      if (c.mqttVersion().equals("3.1")) {
        faults.add("connects with MQTT 3.1; the contract asks MQTT 5 or 3.1.1");
      }
      c.userName().filter(u -> !u.equals(e.deviceId()))
          .ifPresent(u -> faults.add("connects with user name '" + u + "'; it must be the device id"));
      if (c.keepAlive() < 30 || c.keepAlive() > 60) {
        faults.add("keep alive is " + c.keepAlive() + " s; the contract asks 30-60 s");
      }
      if (c.will().isEmpty()) {
        perConnection.computeIfAbsent("connects without a last will; it must be an OFFLINE presence on up/presence",
            k -> new ArrayList<>()).add(c.connection());
        continue;
      }
      Observed.Will will = c.will().get();
      if (!will.topic().equals(presence)) {
        faults.add("the last will goes to '" + will.topic() + "'; it must go to " + presence);
      }
      if (will.qos() != 1) {
        faults.add("the last will has QoS " + will.qos() + "; it must be QoS 1");
      }
      if (will.retain()) {
        faults.add("the last will is retained; it must not be");
      }
      try {
        if (ContractJson.decode(will.payload(), Presence.class).state() != PresenceState.OFFLINE) {
          faults.add("the last will says ONLINE; it must say OFFLINE");
        }
      } catch (ContractViolation v) {
        faults.add("the last will is not a Presence: " + v.getMessage() + " in " + SectionCheck.clip(will.text()));
      }
    }
    String execution = Topics.topic(e.deviceId(), Channel.EXECUTION);
    e.subscribes().stream().filter(s -> TopicFilters.matches(s.filter(), execution) && s.qos() == 0)
        .forEach(s -> faults.add("subscribes to '" + s.filter() + "' at QoS 0; the contract asks QoS 1"));
    for (Observed.Publish p : e.publishes()) {
      String topic = SectionCheck.shortTopic(e.deviceId(), p.topic());
      if (p.qos() != 1) {
        faults.add("publishes on " + topic + " at QoS " + p.qos() + "; everything it publishes must be QoS 1");
      }
      if (p.retain()) {
        faults.add("publishes a retained message on " + topic + "; it must never retain");
      }
    }
    int connections = e.connects().size();
    perConnection.forEach((fault, which) -> findings.fault(fault + (which.size() == connections ? " (every connection)"
        : " (connection " + String.join(", ", which.stream().map(String::valueOf).toList()) + " of " + connections + ")")));
    faults.forEach(findings::fault);
    return findings.result();
  }
}
