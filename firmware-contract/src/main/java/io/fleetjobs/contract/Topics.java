package io.fleetjobs.contract;

import java.util.Objects;

/**
 * The contract's whole topic vocabulary. No topic string is put together anywhere else.
 *
 * <pre>
 * fleet/v1/devices/{deviceId}/down/execution         service -> device   ExecutionRequest
 * fleet/v1/devices/{deviceId}/down/cancel            service -> device   ExecutionCancel
 * fleet/v1/devices/{deviceId}/down/error             service -> device   ContractError
 * fleet/v1/devices/{deviceId}/up/execution-update    device -> service   ExecutionUpdate
 * fleet/v1/devices/{deviceId}/up/pending-request     device -> service   PendingRequest
 * fleet/v1/devices/{deviceId}/up/properties          device -> service   PropertyReport
 * fleet/v1/devices/{deviceId}/up/presence            device -> service   Presence (birth and last will)
 *
 * fleet/v1/devices/{deviceId}/up/enrolment-request   device -> service   EnrolmentRequest (an enrolling connection's only
 *                                                                        publish, see {@link Enrolment})
 * fleet/v1/devices/{deviceId}/down/credential        service -> device   Credential (the answer to it)
 *
 * fleet/v1/gateways/{gatewayId}/devices/{childId}/{down|up}/{channel}
 *                                                    the same seven channels and payloads, for a child device
 *                                                    reached through its gateway's connection; children do not
 *                                                    enrol, so there are no enrolment topics under a gateway
 * </pre>
 *
 * Every device stays inside its own subtree {@code fleet/v1/devices/{deviceId}/#}, and a gateway also inside
 * {@code fleet/v1/gateways/{gatewayId}/#}, so a broker ACL keyed on the client id can confine each connection there;
 * the service checks that a gateway names only its own children. The service subscribes to the {@code up} topics of
 * both trees through shared subscriptions so that several service instances split device traffic between them.
 */
public final class Topics {

  /** The versioned root of every topic. */
  public static final String ROOT = "fleet/v" + ContractVersion.CURRENT;

  private static final String DEVICES = ROOT + "/devices/";
  private static final String GATEWAYS = ROOT + "/gateways/";
  private static final String CHILDREN = "/devices/";

  private Topics() {}

  /** The topic of {@code channel} for one device. */
  public static String topic(String deviceId, Channel channel) {
    Objects.requireNonNull(channel, "channel");
    return DEVICES + Checks.id(deviceId, "deviceId") + "/" + channel.direction().segment() + "/" + channel.segment();
  }

  /** What a device subscribes to: everything the service sends it. */
  public static String deviceSubscription(String deviceId) {
    return DEVICES + Checks.id(deviceId, "deviceId") + "/" + Channel.Direction.DOWN.segment() + "/#";
  }

  /**
   * What an enrolling connection subscribes to, and all it may subscribe to: its credential topic and its error topic
   * (where a refused enrolment request is answered).
   */
  public static java.util.List<String> enrolmentSubscriptions(String deviceId) {
    return java.util.List.of(topic(deviceId, Channel.CREDENTIAL), topic(deviceId, Channel.ERROR));
  }

  /** A device's whole subtree: what a broker ACL lets it publish and subscribe to. */
  public static String deviceSubtree(String deviceId) {
    return DEVICES + Checks.id(deviceId, "deviceId") + "/#";
  }

  /**
   * Everything a device sends the service: what a broker ACL that can only grant (not deny one part of a grant, as
   * mosquitto's ACL file) lets it publish, since its {@code down} topics are the service's alone.
   */
  public static String deviceUplink(String deviceId) {
    return DEVICES + Checks.id(deviceId, "deviceId") + "/" + Channel.Direction.UP.segment() + "/#";
  }

  /**
   * The topic of {@code channel} for child device {@code childId}, reached through gateway {@code gatewayId}.
   *
   * @throws IllegalArgumentException for an enrolment channel: children do not enrol ({@link Channel#forChildren()})
   */
  public static String childTopic(String gatewayId, String childId, Channel channel) {
    Objects.requireNonNull(channel, "channel");
    if (!channel.forChildren()) {
      throw new IllegalArgumentException(channel + " is a direct device's channel: a gateway's child does not enrol");
    }
    return gatewayPrefix(gatewayId) + Checks.id(childId, "childId") + "/" + channel.direction().segment() + "/" + channel.segment();
  }

  /** What a gateway subscribes to for its children: everything the service sends any of them. */
  public static String gatewaySubscription(String gatewayId) {
    return gatewayPrefix(gatewayId) + "+/" + Channel.Direction.DOWN.segment() + "/#";
  }

  /**
   * A gateway's children's subtree: what a broker ACL lets it publish and subscribe to, besides its own
   * {@link #deviceSubtree(String)}.
   */
  public static String gatewaySubtree(String gatewayId) {
    return GATEWAYS + Checks.id(gatewayId, "gatewayId") + "/#";
  }

  /** Everything a gateway sends the service for any of its children: the {@link #deviceUplink} of a gateway. */
  public static String gatewayUplink(String gatewayId) {
    return gatewayPrefix(gatewayId) + "+/" + Channel.Direction.UP.segment() + "/#";
  }

  /** Everything every directly connected device sends to the service. */
  public static String serviceSubscription() {
    return DEVICES + "+/" + Channel.Direction.UP.segment() + "/#";
  }

  /** Everything every gateway sends the service for its children. */
  public static String childServiceSubscription() {
    return GATEWAYS + "+" + CHILDREN + "+/" + Channel.Direction.UP.segment() + "/#";
  }

  /** Both service subscriptions: what a service instance subscribes to. */
  public static java.util.List<String> serviceSubscriptions() {
    return java.util.List.of(serviceSubscription(), childServiceSubscription());
  }

  /** {@link #serviceSubscriptions()} as MQTT 5 shared subscriptions of {@code group}. */
  public static java.util.List<String> sharedServiceSubscriptions(String group) {
    return java.util.List.of(sharedServiceSubscription(group), "$share/" + group + "/" + childServiceSubscription());
  }

  /** {@link #serviceSubscription()} as an MQTT 5 shared subscription of {@code group}. */
  public static String sharedServiceSubscription(String group) {
    if (group == null || !Checks.ID.matcher(group).matches()) {
      throw ContractViolation.invalid("group", "must be 1-128 characters of letters, digits, '.', '_', ':' or '-'");
    }
    return "$share/" + group + "/" + serviceSubscription();
  }

  /**
   * Parses a contract topic.
   *
   * @throws ContractViolation with {@link ErrorCode#UNKNOWN_TOPIC} and field {@code topic} if it is not one
   */
  public static DeviceTopic parse(String topic) {
    if (topic != null && topic.startsWith(DEVICES)) {
      String[] levels = topic.substring(DEVICES.length()).split("/", -1);
      if (levels.length == 3 && isId(levels[0])) {
        return Channel.of(levels[1], levels[2]).map(channel -> new DeviceTopic(levels[0], channel)).orElseThrow(() -> unknown(topic));
      }
    } else if (topic != null && topic.startsWith(GATEWAYS)) {
      String[] levels = topic.substring(GATEWAYS.length()).split("/", -1);
      if (levels.length == 5 && isId(levels[0]) && levels[1].equals(CHILDREN.substring(1, CHILDREN.length() - 1)) && isId(levels[2])) {
        return Channel.of(levels[3], levels[4])
            .filter(Channel::forChildren)
            .map(channel -> new DeviceTopic(levels[2], channel, levels[0]))
            .orElseThrow(() -> unknown(topic));
      }
    }
    throw unknown(topic);
  }

  /**
   * Where to send the error reply for a message published on {@code topic}, even when the rest of the topic is wrong:
   * the error topic of the device (or child) it names, else of the gateway it names; empty if it names no one.
   */
  public static java.util.Optional<String> errorTopicFor(String topic) {
    if (topic != null && topic.startsWith(DEVICES)) {
      String id = topic.substring(DEVICES.length()).split("/", 2)[0];
      return isId(id) ? java.util.Optional.of(topic(id, Channel.ERROR)) : java.util.Optional.empty();
    }
    if (topic != null && topic.startsWith(GATEWAYS)) {
      String[] levels = topic.substring(GATEWAYS.length()).split("/", 4);
      if (!isId(levels[0])) {
        return java.util.Optional.empty();
      }
      boolean namesChild = levels.length >= 3 && levels[1].equals("devices") && isId(levels[2]);
      return java.util.Optional.of(namesChild ? childTopic(levels[0], levels[2], Channel.ERROR) : topic(levels[0], Channel.ERROR));
    }
    return java.util.Optional.empty();
  }

  /**
   * Whose connection may publish on {@code topic}, even when the rest of it is wrong: the device of
   * {@code fleet/v1/devices/{deviceId}/...}, or the gateway of {@code fleet/v1/gateways/{gatewayId}/...} (speaking for
   * its children); empty if it names neither. Per-connection limits and refusal counts are keyed on it.
   */
  public static java.util.Optional<Publisher> publisherOf(String topic) {
    boolean device = topic != null && topic.startsWith(DEVICES);
    if (!device && (topic == null || !topic.startsWith(GATEWAYS))) {
      return java.util.Optional.empty();
    }
    String id = topic.substring(device ? DEVICES.length() : GATEWAYS.length()).split("/", 2)[0];
    return isId(id) ? java.util.Optional.of(new Publisher(id, !device)) : java.util.Optional.empty();
  }

  /**
   * The connection a topic belongs to.
   *
   * @param id the client id that may publish on it: a device's, or a gateway's
   * @param forChildren whether the topic is a child's, under {@code fleet/v1/gateways/{id}/}
   */
  public record Publisher(String id, boolean forChildren) {}

  private static boolean isId(String s) {
    return Checks.ID.matcher(s).matches();
  }

  private static String gatewayPrefix(String gatewayId) {
    return GATEWAYS + Checks.id(gatewayId, "gatewayId") + CHILDREN;
  }

  private static ContractViolation unknown(String topic) {
    return new ContractViolation(ErrorCode.UNKNOWN_TOPIC, "topic", "'" + topic + "' is not a topic of contract v" + ContractVersion.CURRENT);
  }

  /**
   * A parsed topic: which device, which channel, and the gateway it goes through ({@code null} for a device on its
   * own connection).
   */
  public record DeviceTopic(String deviceId, Channel channel, String gatewayId) {
    public DeviceTopic {
      Checks.id(deviceId, "deviceId");
      Objects.requireNonNull(channel, "channel");
      if (gatewayId != null) {
        Checks.id(gatewayId, "gatewayId");
        if (!channel.forChildren()) {
          throw new IllegalArgumentException(channel + " is a direct device's channel: a gateway's child does not enrol");
        }
      }
    }

    /** A topic of a device on its own connection. */
    public DeviceTopic(String deviceId, Channel channel) {
      this(deviceId, channel, null);
    }

    /** Whether the device is a child reached through {@link #gatewayId()}. */
    public boolean viaGateway() {
      return gatewayId != null;
    }

    /** The same device's topic of another channel, through the same route (a child's: one of {@link Channel#childChannels()}). */
    public DeviceTopic with(Channel other) {
      return new DeviceTopic(deviceId, other, gatewayId);
    }

    /** The topic string again: {@link Topics#topic} for a direct device, {@link Topics#childTopic} for a child. */
    public String topic() {
      return gatewayId == null ? Topics.topic(deviceId, channel) : Topics.childTopic(gatewayId, deviceId, channel);
    }
  }
}
