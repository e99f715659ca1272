package io.fleetjobs.sim.conform;

import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.Topics;
import io.fleetjobs.contract.message.Presence;
import io.fleetjobs.contract.message.PresenceState;
import java.util.OptionalLong;

/**
 * §5 The life of a device: after every connect, subscribe to down/#, publish an ONLINE presence, publish a pending
 * request, in that order; after the forced disconnect the last will (OFFLINE) arrives, the device reconnects and does
 * the same again, and finishes the work sent in answer to its pending request.
 */
final class LifeCheck implements SectionCheck {

  @Override
  public SectionResult judge(Evidence e) {
    var findings = new SectionResult.Findings(Section.LIFE);
    if (e.connects().isEmpty()) {
      return findings.fault("the device never connected within " + ConformOptions.describe(e.options().connectWait())).result();
    }
    for (Observed.Connect c : e.connects()) {
      announcement(e, c.connection(), findings);
    }
    if (e.dropSeq() == null) {
      return findings.result();
    }
    String presence = Topics.topic(e.deviceId(), Channel.PRESENCE);
    boolean will = e.delivered().stream().anyMatch(d -> d.seq() > e.dropSeq() && d.topic().equals(presence) && offline(d.payload()));
    if (!will) {
      findings.fault("after conform dropped its connection no last will (OFFLINE presence) arrived on up/presence");
    }
    if (e.connects().stream().noneMatch(c -> c.seq() > e.dropSeq())) {
      findings.fault("did not reconnect within " + ConformOptions.describe(e.options().connectWait()) + " after conform dropped its connection");
    }
    e.probe(Probe.Kind.AFTER_RECONNECT).ifPresent(p -> {
      if (e.messages().firstFinal(p.executionId(), 0).isEmpty()) {
        findings.fault("after reconnecting, gave no final update to the execution sent in answer to its pending request");
      }
    });
    return findings.result();
  }

  private static void announcement(Evidence e, int connection, SectionResult.Findings findings) {
    String execution = Topics.topic(e.deviceId(), Channel.EXECUTION);
    OptionalLong subscribed = e.subscribes().stream()
        .filter(s -> s.connection() == connection && TopicFilters.matches(s.filter(), execution)).mapToLong(Observed::seq).min();
    OptionalLong online = e.messages().on(Channel.PRESENCE).stream()
        .filter(m -> m.publish().connection() == connection && m.ok() && ((Presence) m.value()).state() == PresenceState.ONLINE)
        .mapToLong(m -> m.publish().seq()).min();
    OptionalLong pending = e.messages().on(Channel.PENDING_REQUEST).stream()
        .filter(m -> m.publish().connection() == connection).mapToLong(m -> m.publish().seq()).min();
    String which = connection == 1 ? "after connecting" : "after reconnecting (connection " + connection + ")";
    if (subscribed.isEmpty()) {
      findings.fault(which + ", did not subscribe to " + Topics.deviceSubscription(e.deviceId()));
    }
    if (online.isEmpty()) {
      findings.fault(which + ", published no ONLINE presence");
    }
    if (pending.isEmpty()) {
      findings.fault(which + ", published no pending request: work sent while it was away would never reach it");
    }
    if (before(online, subscribed)) {
      findings.fault(which + ", published its ONLINE presence before subscribing: work sent at once could be missed");
    }
    if (before(pending, online)) {
      findings.fault(which + ", published its pending request before its ONLINE presence; the order is subscribe, ONLINE, pending request");
    }
    if (before(pending, subscribed)) {
      findings.fault(which + ", published its pending request before subscribing: the answer to it could be missed");
    }
  }

  private static boolean before(OptionalLong a, OptionalLong b) {
    return a.isPresent() && b.isPresent() && a.getAsLong() < b.getAsLong();
  }

  private static boolean offline(byte[] payload) {
    try {
      return ContractJson.decode(payload, Presence.class).state() == PresenceState.OFFLINE;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
