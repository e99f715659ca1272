package io.fleetjobs.app.mqtt;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.client.parameter.InitializerInput;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import io.fleetjobs.app.limits.DeviceRefusals;
import io.fleetjobs.app.limits.LimitsConfig;
import io.fleetjobs.app.limits.RateGuard;
import java.time.Clock;

/**
 * Message rates on the embedded broker: every client but the service's own account gets a {@link ClientRateLimit}
 * when it connects (its allowance lives and dies with the connection, so memory follows the connected clients only),
 * in front of the interceptor that would otherwise take its messages: one interceptor per message, not two, since
 * each is a task on HiveMQ's extension executor. The service's account is exempt: the service itself and the bench's
 * raw clients publish to every device.
 */
final class MessageRates {

  private static final String ACCOUNT = "fleet-account";
  private static final String SERVICE = "service";

  private final LimitsConfig limits;
  private final DeviceRefusals refusals;
  private final Clock clock;

  MessageRates(LimitsConfig limits, DeviceRefusals refusals, Clock clock) {
    this.limits = limits;
    this.refusals = refusals;
    this.clock = clock;
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
    return new ClientRateLimit(clientId, new RateGuard(limits, clock.millis()), limits, refusals, clock, next);
  }
}
