package io.fleetjobs.app.mosquitto;

import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.Topics;

/**
 * The ACL file both mosquitto listeners read: as close to the embedded broker's {@code TopicPermissions} as an ACL
 * file can say it. Every device, by its user name {@code %u} (its device id; with {@code use_username_as_clientid}
 * also its client id), receives whatever is published in its own subtree and, as a gateway, in its gateway subtree;
 * it publishes only upward there. The service's account reads and writes the whole {@code fleet/v1/#} tree.
 *
 * <p>What mosquitto 2.0's ACL file cannot say, and so differs from the embedded broker:
 *
 * <ul>
 *   <li>a {@code deny} line refuses reading and writing alike, so "everything in the subtree except publishing on
 *       {@code down}" is written as grants: read the subtree, write {@code up/#} (and the benchmark's {@code bench/#}).
 *       A device may therefore not publish elsewhere in its subtree, which the embedded broker would let through;
 *   <li>SUBSCRIBE is not checked against the ACL file: a subscription to {@code #} or to another device's topics is
 *       granted, and every message is checked when delivered, so nothing the device may not read reaches it. A shared
 *       subscription is checked the same way, so a device that joins the service's shared group takes a share of the
 *       messages and they are lost: leave {@code fleet.mqtt.shared-group} unset with mosquitto;
 *   <li>retained messages are refused by mosquitto's global {@code retain_available false}, not per client.
 * </ul>
 */
final class AclFile {

  /** A valid device id standing in for mosquitto's {@code %u} while the topics are built by {@link Topics}. */
  private static final String USER = "fleet-acl-user";
  /** device-sim's raw round trip ({@code BenchTopics}): {@code .../bench/ping} in, {@code .../bench/pong} out. */
  private static final String BENCH = "bench";

  private AclFile() {}

  static String render(String serviceUsername) {
    return String.join("\n",
        "# Written by Fleet Jobs from its device credentials; rewritten on every change, do not edit.",
        "# Each device by its user name (%u = its device id): everything in its own subtree to read, its up topics to",
        "# write (mosquitto's deny would refuse reading too, so publishing on down/# is left out instead of denied).",
        "pattern read " + pattern(Topics.deviceSubtree(USER)),
        "pattern write " + pattern(Topics.deviceUplink(USER)),
        "pattern write " + pattern(bench(Topics.deviceUplink(USER))),
        "# ...and, as a gateway, its children's subtree likewise.",
        "pattern read " + pattern(Topics.gatewaySubtree(USER)),
        "pattern write " + pattern(Topics.gatewayUplink(USER)),
        "pattern write " + pattern(bench(Topics.gatewayUplink(USER))),
        "",
        "# The service's own account: the whole contract tree.",
        "user " + serviceUsername,
        "topic readwrite " + Topics.ROOT + "/#",
        "");
  }

  private static String pattern(String topic) {
    return topic.replace("/" + USER + "/", "/%u/");
  }

  /** The benchmark's topics beside the up channels: {@code .../up/#} becomes {@code .../bench/#}. */
  private static String bench(String uplink) {
    String up = "/" + Channel.Direction.UP.segment() + "/#";
    return uplink.substring(0, uplink.length() - up.length()) + "/" + BENCH + "/#";
  }
}
