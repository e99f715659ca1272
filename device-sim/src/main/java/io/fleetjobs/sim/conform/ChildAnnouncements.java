package io.fleetjobs.sim.conform;

import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.Topics;
import io.fleetjobs.contract.message.Presence;
import io.fleetjobs.contract.message.PresenceState;
import java.util.OptionalLong;

/**
 * §9's reconnect rule, per connection of the gateway: subscribe to the children's filter (QoS 1) with its own, then
 * its own ONLINE presence, then each child's ONLINE presence, each child's pending request after that child's
 * presence. Every connection announces every child again: a child it does not announce stays offline.
 */
final class ChildAnnouncements {

  private ChildAnnouncements() {}

  static void judge(Evidence e, SectionResult.Findings findings) {
    for (Observed.Connect c : e.connects()) {
      // a missing ONLINE presence of the gateway itself is §5's fault; its children are judged all the same
      judge(e, c.connection(), ownOnline(e, c.connection()).orElse(Long.MAX_VALUE), findings);
    }
  }

  private static void judge(Evidence e, int connection, long gatewayOnline, SectionResult.Findings findings) {
    String which = connection == 1 ? "after connecting" : "after reconnecting (connection " + connection + ")";
    String filter = Topics.gatewaySubscription(e.deviceId());
    var subscriptions = e.subscribes().stream().filter(s -> s.connection() == connection
        && e.options().children().stream().anyMatch(child -> TopicFilters.matches(s.filter(), Topics.childTopic(e.deviceId(), child,
            Channel.EXECUTION)))).toList();
    OptionalLong subscribed = subscriptions.stream().mapToLong(Observed::seq).min();
    if (subscribed.isEmpty()) {
      findings.fault(which + ", did not subscribe to " + filter + ": the service's messages for its children would never reach it");
    } else if (gatewayOnline != Long.MAX_VALUE && subscribed.getAsLong() > gatewayOnline) {
      findings.fault(which + ", subscribed to its children's filter after its own ONLINE presence; the order is both subscriptions,"
          + " then the presences");
    }
    subscriptions.stream().filter(s -> s.qos() == 0).findFirst()
        .ifPresent(s -> findings.fault("subscribes to '" + s.filter() + "' at QoS 0; the contract asks QoS 1"));
    for (String child : e.options().children()) {
      DeviceMessages messages = e.child(child);
      var births = messages.on(Channel.PRESENCE).stream().filter(m -> m.publish().connection() == connection && m.ok()
          && ((Presence) m.value()).state() == PresenceState.ONLINE).toList();
      OptionalLong online = births.stream().mapToLong(m -> m.publish().seq()).min();
      OptionalLong pending = messages.on(Channel.PENDING_REQUEST).stream().filter(m -> m.publish().connection() == connection)
          .mapToLong(m -> m.publish().seq()).min();
      if (online.isEmpty()) {
        findings.fault(which + ", did not announce child " + child + " (no ONLINE presence on its up/presence): it stays offline and"
            + " gets no work");
      } else if (gatewayOnline == Long.MAX_VALUE) {
        findings.fault(which + ", announced child " + child + " though it published no ONLINE presence of its own: a child is"
            + " registered and served only through a gateway that is online");
      } else if (online.getAsLong() < gatewayOnline) {
        findings.fault(which + ", announced child " + child + " before its own ONLINE presence: a child is registered and served only"
            + " through a gateway that is online");
      }
      if (pending.isEmpty()) {
        findings.fault(which + ", published no pending request for child " + child + ": the child's unfinished work would never reach"
            + " it");
      } else if (online.isPresent() && pending.getAsLong() < online.getAsLong()) {
        findings.fault(which + ", published child " + child + "'s pending request before its ONLINE presence; the order is the child's"
            + " presence, then its pending request");
      }
      if (subscribed.isPresent() && pending.isPresent() && pending.getAsLong() < subscribed.getAsLong()) {
        findings.fault(which + ", published child " + child + "'s pending request before subscribing to its children's filter: the"
            + " answer to it could be missed");
      }
      if (connection == 1 && births.stream().anyMatch(m -> ((Presence) m.value()).template() == null)) {
        findings.note("child " + child + "'s ONLINE presence names no template: fine for a child registered through the REST API; an"
            + " unregistered one would get UNKNOWN_DEVICE");
      }
    }
  }

  private static OptionalLong ownOnline(Evidence e, int connection) {
    return e.messages().on(Channel.PRESENCE).stream()
        .filter(m -> m.publish().connection() == connection && m.ok() && ((Presence) m.value()).state() == PresenceState.ONLINE)
        .mapToLong(m -> m.publish().seq()).min();
  }
}
