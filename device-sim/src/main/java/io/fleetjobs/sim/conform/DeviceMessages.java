package io.fleetjobs.sim.conform;

import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.Schemas;
import io.fleetjobs.contract.Topics;
import io.fleetjobs.contract.message.ExecutionUpdate;
import java.util.List;
import java.util.Optional;

/**
 * The device's publishes read as the service reads them: the topic parsed with {@link Topics#parse}, the payload
 * decoded with {@link ContractJson#decode} as its channel's message ({@link Schemas#messageOf}). Either a device's own
 * messages, or those a gateway sent for one of its children ({@link #ofChild}).
 */
final class DeviceMessages {

  /** One publish and what it means; {@code violation} says why the service would refuse it (null if it would not). */
  record Message(Observed.Publish publish, Channel channel, Object value, ContractViolation violation) {
    boolean ok() {
      return violation == null;
    }
  }

  /** A well-formed execution update, in arrival order. */
  record Update(long seq, int connection, ExecutionUpdate update) {}

  private final List<Message> all;

  DeviceMessages(String deviceId, List<Observed> log) {
    this(null, deviceId, log);
  }

  private DeviceMessages(String gatewayId, String deviceId, List<Observed> log) {
    all = log.stream().filter(Observed.Publish.class::isInstance).map(Observed.Publish.class::cast)
        .map(p -> read(gatewayId, deviceId, p)).toList();
  }

  /** What gateway {@code gatewayId} (whose log this is) sent for its child {@code childId}, on the child's topics. */
  static DeviceMessages ofChild(String gatewayId, String childId, List<Observed> log) {
    return new DeviceMessages(gatewayId, childId, log);
  }

  /**
   * How the service would take this publish. A topic that is not one of the device's own up topics has no message
   * (channel null); its violation is the topic's.
   */
  static Message read(String deviceId, Observed.Publish publish) {
    return read(null, deviceId, publish);
  }

  /** The same for the topics of {@code deviceId} through gateway {@code gatewayId} (null: its own topics). */
  static Message read(String gatewayId, String deviceId, Observed.Publish publish) {
    Topics.DeviceTopic topic;
    try {
      topic = Topics.parse(publish.topic());
    } catch (ContractViolation e) {
      return new Message(publish, null, null, e);
    }
    if (!topic.deviceId().equals(deviceId) || !java.util.Objects.equals(topic.gatewayId(), gatewayId)
        || topic.channel().direction() != Channel.Direction.UP) {
      return new Message(publish, null, null, null);
    }
    try {
      return new Message(publish, topic.channel(), ContractJson.decode(publish.payload(), Schemas.messageOf(topic.channel())), null);
    } catch (ContractViolation e) {
      return new Message(publish, topic.channel(), null, e);
    }
  }

  List<Message> all() {
    return all;
  }

  List<Message> on(Channel channel) {
    return all.stream().filter(m -> m.channel() == channel).toList();
  }

  /** The well-formed updates of one execution, retransmissions (DUP) left out. */
  List<Update> updates(String executionId) {
    return on(Channel.EXECUTION_UPDATE).stream()
        .filter(m -> m.ok() && !m.publish().dup() && ((ExecutionUpdate) m.value()).executionId().equals(executionId))
        .map(m -> new Update(m.publish().seq(), m.publish().connection(), (ExecutionUpdate) m.value()))
        .toList();
  }

  /** The first final update of an execution published after {@code seq}. */
  Optional<Update> firstFinal(String executionId, long after) {
    return updates(executionId).stream().filter(u -> u.seq() > after && u.update().status().isFinal()).findFirst();
  }
}
