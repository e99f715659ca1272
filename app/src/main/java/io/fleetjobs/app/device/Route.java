package io.fleetjobs.app.device;

import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.ErrorCode;
import java.util.Objects;

/**
 * How a device is reached: over which transport, and through which gateway ({@code null} for a device on its own
 * connection). A gateway's children are always MQTT.
 */
public record Route(Transport transport, String gatewayId) {

  public static final Route MQTT = new Route(Transport.MQTT, null);

  /** The route of a device stored with {@code transport} and {@code gatewayId} (null: on its own connection). */
  public static Route of(Transport transport, String gatewayId) {
    return gatewayId != null ? viaGateway(gatewayId) : transport == Transport.MQTT ? MQTT : new Route(transport, null);
  }

  public static Route direct(Transport transport) {
    return of(transport, null);
  }

  public static Route viaGateway(String gatewayId) {
    return new Route(Transport.MQTT, gatewayId);
  }

  public boolean viaGateway() {
    return gatewayId != null;
  }

  /** A device reached this way may act as a gateway: it has its own MQTT connection. */
  public boolean canBeGateway() {
    return !viaGateway() && transport == Transport.MQTT;
  }

  /**
   * Checks that a message about {@code deviceId}, registered with this route, came this way: through its own gateway
   * ({@code speakerGatewayId}), or on its own connection ({@code null}).
   *
   * @throws ContractViolation {@code NOT_A_CHILD} otherwise
   */
  public void requireSpokenThrough(String deviceId, String speakerGatewayId) {
    if (!Objects.equals(gatewayId, speakerGatewayId)) {
      String registered = viaGateway() ? "a child of gateway '" + gatewayId + "'" : "a device on its own connection";
      String speaker = speakerGatewayId == null ? "on its own connection" : "through gateway '" + speakerGatewayId + "'";
      throw new ContractViolation(ErrorCode.NOT_A_CHILD, null, "device '" + deviceId + "' is " + registered + ", not reachable " + speaker);
    }
  }
}
