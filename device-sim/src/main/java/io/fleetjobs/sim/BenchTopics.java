package io.fleetjobs.sim;

/**
 * Topics of the benchmark's raw MQTT round trip, deliberately OUTSIDE the firmware contract's tree so the service never
 * sees them: {@code fleet-bench/{deviceId}/ping} answered on {@code .../pong}, and for a gateway's child
 * {@code fleet-bench/{gatewayId}/{childId}/ping}, answered by the gateway. The payload comes back unchanged.
 */
public final class BenchTopics {

  public static final String ROOT = "fleet-bench/";

  private BenchTopics() {}

  public static String ping(String deviceId) {
    return ROOT + deviceId + "/ping";
  }

  public static String ping(String gatewayId, String childId) {
    return ROOT + gatewayId + "/" + childId + "/ping";
  }

  /** What the benchmark's receiving client subscribes to: every answer, direct devices and children. */
  public static String[] pongSubscriptions() {
    return new String[] {ROOT + "+/pong", ROOT + "+/+/pong"};
  }

  /** The answer topic of a ping topic. */
  static String pongFor(String pingTopic) {
    return pingTopic.substring(0, pingTopic.length() - "ping".length()) + "pong";
  }
}
