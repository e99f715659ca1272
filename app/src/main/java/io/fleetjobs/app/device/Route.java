package io.fleetjobs.app.device;

/**
 * How a device is reached: over which transport, and through which gateway ({@code null} for a device on its own
 * connection). A gateway's children are always MQTT.
 */
public record Route(Transport transport, String gatewayId) {

  public static final Route MQTT = new Route(Transport.MQTT, null);

  public static Route direct(Transport transport) {
    return transport == Transport.MQTT ? MQTT : new Route(transport, null);
  }

  public static Route viaGateway(String gatewayId) {
    return new Route(Transport.MQTT, gatewayId);
  }

  public boolean viaGateway() {
    return gatewayId != null;
  }
}
