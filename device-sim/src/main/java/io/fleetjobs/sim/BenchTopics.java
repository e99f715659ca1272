package io.fleetjobs.sim;

/**
 * Topics of the benchmark's raw MQTT round trip, inside each device's own subtree (so a broker that confines every
 * device to its own topics lets them through) but outside the contract's channels, so the service never sees them:
 * {@code fleet/v1/devices/{deviceId}/bench/ping} answered on {@code .../bench/pong}, and for a gateway's child
 * {@code fleet/v1/gateways/{gatewayId}/devices/{childId}/bench/ping}, answered by the gateway. The payload comes back
 * unchanged. Only a client with the service's account may send pings to every device.
 */
public final class BenchTopics {

  private static final String DEVICES = "fleet/v1/devices/";
  private static final String GATEWAYS = "fleet/v1/gateways/";

  private BenchTopics() {}

  public static String ping(String deviceId) {
    return DEVICES + deviceId + "/bench/ping";
  }

  public static String ping(String gatewayId, String childId) {
    return GATEWAYS + gatewayId + "/devices/" + childId + "/bench/ping";
  }

  /** What the benchmark's receiving client subscribes to: every answer, direct devices and children. */
  public static String[] pongSubscriptions() {
    return new String[] {DEVICES + "+/bench/pong", GATEWAYS + "+/devices/+/bench/pong"};
  }

  /** The answer topic of a ping topic. */
  static String pongFor(String pingTopic) {
    return pingTopic.substring(0, pingTopic.length() - "ping".length()) + "pong";
  }
}
