package io.fleetjobs.app.mqtt;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.services.Services;
import io.fleetjobs.app.limits.DeviceRefusals;
import io.fleetjobs.app.limits.LimitsConfig;
import io.fleetjobs.app.limits.RateGuard;
import io.fleetjobs.contract.Topics;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client's message rate on the embedded broker. A message over its allowance is not delivered: an MQTT 5 client
 * gets PUBACK {@code QUOTA_EXCEEDED} (HiveMQ closes an MQTT 3.1.1 connection instead, which has no way to refuse one
 * message); a client that stays over for {@code fleet.limits.disconnect-after}, or has
 * {@code fleet.limits.disconnect-after-refused} messages refused meanwhile, is disconnected with
 * {@code MESSAGE_RATE_TOO_HIGH}: every refused message costs the broker a PUBACK written on its network threads,
 * which serve every other device too, so a device flooding as fast as it can must be gone in milliseconds, not in
 * seconds. Both are counted and summarized by {@link DeviceRefusals}. A message within the allowance goes on to
 * {@code next}. It runs on HiveMQ's extension threads, one message of a client at a time, and never blocks: a
 * counter, a map entry, and the disconnect is asynchronous.
 */
final class ClientRateLimit implements PublishInboundInterceptor {

  private final String clientId;
  private final RateGuard guard;
  private final DeviceRefusals refusals;
  private final Clock clock;
  private final PublishInboundInterceptor next;
  private final AtomicBoolean disconnecting = new AtomicBoolean();
  /** Made once, not per refused message: a flood is thousands of them. */
  private final String ownLimit;
  private final String childrenLimit;
  private final String ownReason;
  private final String childrenReason;

  ClientRateLimit(String clientId, RateGuard guard, LimitsConfig limits, DeviceRefusals refusals, Clock clock,
      PublishInboundInterceptor next) {
    this.clientId = clientId;
    this.guard = guard;
    this.refusals = refusals;
    this.clock = clock;
    this.next = next;
    this.ownLimit = "over " + limits.deviceRate() + " messages/s (bursts of " + limits.deviceBurst() + ")";
    this.childrenLimit = "over " + limits.gatewayRate() + " messages/s (bursts of " + limits.gatewayBurst() + ") for its children";
    this.ownReason = "message rate " + ownLimit;
    this.childrenReason = "message rate " + childrenLimit;
  }

  @Override
  public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
    String topic = input.getPublishPacket().getTopic();
    boolean forChildren = Topics.publisherOf(topic).map(Topics.Publisher::forChildren).orElse(false);
    RateGuard.Verdict verdict = guard.check(forChildren, clock.millis());
    if (verdict == RateGuard.Verdict.ALLOW) {
      next.onInboundPublish(input, output);
      return;
    }
    String limit = forChildren ? childrenLimit : ownLimit;
    output.preventPublishDelivery(AckReasonCode.QUOTA_EXCEEDED, forChildren ? childrenReason : ownReason);
    refusals.throttled(clientId, topic, limit);
    if (verdict == RateGuard.Verdict.DISCONNECT && disconnecting.compareAndSet(false, true)) {
      String why = limit + ", " + guard.disconnectedFor();
      Services.clientService().disconnectClient(clientId, false, DisconnectReasonCode.MESSAGE_RATE_TOO_HIGH, "message rate " + why);
      refusals.disconnected(clientId, DisconnectReasonCode.MESSAGE_RATE_TOO_HIGH.name(), why);
    }
  }
}
