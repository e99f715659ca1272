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
 * </pre>
 *
 * Every device stays inside its own subtree {@code fleet/v1/devices/{deviceId}/#}, so a broker ACL can confine it
 * there. The service subscribes to {@code fleet/v1/devices/+/up/#} through a shared subscription so that several
 * service instances split device traffic between them.
 */
public final class Topics {

  /** The versioned root of every topic. */
  public static final String ROOT = "fleet/v" + ContractVersion.CURRENT;

  private static final String DEVICES = ROOT + "/devices/";

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

  /** A device's whole subtree: what a broker ACL lets it publish and subscribe to. */
  public static String deviceSubtree(String deviceId) {
    return DEVICES + Checks.id(deviceId, "deviceId") + "/#";
  }

  /** Everything every device sends to the service. */
  public static String serviceSubscription() {
    return DEVICES + "+/" + Channel.Direction.UP.segment() + "/#";
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
    if (topic == null || !topic.startsWith(DEVICES)) {
      throw unknown(topic);
    }
    String[] levels = topic.substring(DEVICES.length()).split("/", -1);
    if (levels.length != 3 || !Checks.ID.matcher(levels[0]).matches()) {
      throw unknown(topic);
    }
    return Channel.of(levels[1], levels[2])
        .map(channel -> new DeviceTopic(levels[0], channel))
        .orElseThrow(() -> unknown(topic));
  }

  private static ContractViolation unknown(String topic) {
    return new ContractViolation(ErrorCode.UNKNOWN_TOPIC, "topic", "'" + topic + "' is not a topic of contract v" + ContractVersion.CURRENT);
  }

  /** A parsed topic: which device, which channel. */
  public record DeviceTopic(String deviceId, Channel channel) {
    public DeviceTopic {
      Checks.id(deviceId, "deviceId");
      Objects.requireNonNull(channel, "channel");
    }

    public String topic() {
      return Topics.topic(deviceId, channel);
    }
  }
}
