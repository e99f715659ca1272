package io.fleetjobs.app.mqtt;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.client.parameter.InitializerInput;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import io.fleetjobs.app.limits.DeviceAllowances;
import io.fleetjobs.app.limits.DeviceRefusals;
import io.fleetjobs.app.limits.LimitsConfig;
import io.fleetjobs.app.limits.RateGuard;
import java.time.Clock;

/**
 * Message rates on the embedded broker: every client but the service's own account gets a {@link ClientRateLimit}
 * when it connects, in front of the interceptor that would otherwise take its messages: one interceptor per message,
 * not two, since each is a task on HiveMQ's extension executor. Its allowance is the device's, kept across its
 * connections ({@link DeviceAllowances}) until it has refilled, so a device cannot reconnect for a fresh burst, and
 * one disconnected for its rate is refused at CONNECT until then ({@link #mayConnect}). The service's account is
 * exempt: the service itself and the bench's raw clients publish to every device.
 */
final class MessageRates {

  private static final String ACCOUNT = "fleet-account";
  private static final String SERVICE = "service";

  private final LimitsConfig limits;
  private final DeviceRefusals refusals;
  private final Clock clock;
  private final DeviceAllowances allowances;

  MessageRates(LimitsConfig limits, DeviceRefusals refusals, Clock clock) {
    this.limits = limits;
    this.refusals = refusals;
    this.clock = clock;
    this.allowances = new DeviceAllowances(limits, clock.millis());
  }

  /**
   * Whether {@code clientId} may connect now: not while it was disconnected for its message rate and its allowance
   * has not refilled since (then counted and summarized as a refused connect). Memory only: no database work.
   */
  boolean mayConnect(String clientId) {
    if (!limits.ratesLimited() || allowances.mayConnect(clientId, clock.millis())) {
      return true;
    }
    refusals.connectRefused(clientId, DeviceRefusals.QUOTA_EXCEEDED, "disconnected for its message rate; its allowance has not refilled yet");
    return false;
  }

  /** Marks a connection as signed in with the service's account: its messages are not limited. */
  static void exempt(ConnectionInformation connection) {
    connection.getConnectionAttributeStore().putAsString(ACCOUNT, SERVICE);
  }

  /**
   * The publish interceptor for a client that has just connected (called at CONNACK): {@code next} behind the
   * client's allowance, or {@code next} alone for the service's account.
   */
  PublishInboundInterceptor guard(InitializerInput input, PublishInboundInterceptor next) {
    boolean service = input.getConnectionInformation().getConnectionAttributeStore().getAsString(ACCOUNT)
        .filter(SERVICE::equals).isPresent();
    if (!limits.ratesLimited() || service) {
      return next;
    }
    String clientId = input.getClientInformation().getClientId();
    RateGuard guard = allowances.connected(clientId, clock.millis());
    return new ClientRateLimit(clientId, guard, limits, refusals, clock, next);
  }
}
