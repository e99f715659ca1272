package io.fleetjobs.app.limits;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * What one device may cost the service ({@code fleet.limits.*}): the largest MQTT packet, client id and topic the
 * embedded broker accepts, how many messages a connection may publish, and how refusals are reported. The CoAP body
 * limit is {@code fleet.coap.max-resource-body-size}, the REST body limit Micronaut's
 * {@code micronaut.server.max-request-size}.
 *
 * @param mqttMaxPacketSize the largest MQTT packet the embedded broker accepts, in bytes, header, topic and
 *     properties included (default {@code 262144}, 256 KiB: four times the largest CoAP body, so every message that
 *     fits CoAP fits MQTT). A bigger one ends the connection with PACKET_TOO_LARGE; the service's own client
 *     announces the same maximum (plus room for the broker's sender stamp), so an external broker drops bigger
 *     messages before they reach the service
 * @param mqttMaxClientIdLength the longest client id the embedded broker accepts (default {@code 128}, the contract's
 *     longest device id); the service's own {@code fleet.mqtt.client-id} must fit too
 * @param mqttMaxTopicLength the longest topic the embedded broker accepts (default {@code 1024}; the contract's longest
 *     is 303 characters); a longer one ends the connection with TOPIC_NAME_INVALID
 * @param deviceRate messages per second one connection may publish on its own topics (default {@code 50}); {@code 0}
 *     leaves them unlimited
 * @param deviceBurst how many messages it may publish at once beyond that rate (default {@code 200})
 * @param gatewayRate messages per second one connection may publish on its children's topics, all children together
 *     (default {@code 2000}): a gateway speaks for many devices; {@code 0} leaves them unlimited
 * @param gatewayBurst how many such messages at once (default {@code 20000}: a gateway of 10,000 children answering
 *     the same job at once)
 * @param disconnectAfter how long a connection may stay over its limit before the embedded broker disconnects it
 *     with MESSAGE_RATE_TOO_HIGH (default {@code PT10S}); it stays "over" until its allowance has refilled. The
 *     device may not connect again (CONNACK QUOTA_EXCEEDED) until then
 * @param disconnectAfterRefused how many of its messages the embedded broker refuses while a connection is over its
 *     limit before it disconnects it, without waiting for {@code disconnectAfter} (default {@code 200}, a device's
 *     burst): a device sending as fast as it can is gone after a few milliseconds instead of ten seconds; {@code 0}
 *     leaves only {@code disconnectAfter}
 * @param logInterval refusals are logged per device: the first at once, then one summary line per interval with the
 *     count and the first error (default {@code PT1M})
 * @param errorReplies how many error replies one device gets per {@code logInterval} (default {@code 20}); further
 *     refused messages are only counted
 */
@ConfigurationProperties("fleet.limits")
public record LimitsConfig(
    @Bindable(defaultValue = "262144") int mqttMaxPacketSize,
    @Bindable(defaultValue = "128") int mqttMaxClientIdLength,
    @Bindable(defaultValue = "1024") int mqttMaxTopicLength,
    @Bindable(defaultValue = "50") int deviceRate,
    @Bindable(defaultValue = "200") int deviceBurst,
    @Bindable(defaultValue = "2000") int gatewayRate,
    @Bindable(defaultValue = "20000") int gatewayBurst,
    @Bindable(defaultValue = "PT10S") Duration disconnectAfter,
    @Bindable(defaultValue = "200") int disconnectAfterRefused,
    @Bindable(defaultValue = "PT1M") Duration logInterval,
    @Bindable(defaultValue = "20") int errorReplies) {

  /** HiveMQ's own ceiling for {@code max-packet-size}, MQTT's largest packet. */
  public static final int MQTT_LARGEST_PACKET = 268_435_460;

  public LimitsConfig {
    between("mqtt-max-packet-size", mqttMaxPacketSize, 1024, MQTT_LARGEST_PACKET);
    between("mqtt-max-client-id-length", mqttMaxClientIdLength, 23, 65_535); // MQTT servers must accept 23
    between("mqtt-max-topic-length", mqttMaxTopicLength, 128, 65_535);
    between("device-rate", deviceRate, 0, Integer.MAX_VALUE);
    between("gateway-rate", gatewayRate, 0, Integer.MAX_VALUE);
    between("device-burst", deviceBurst, 1, Integer.MAX_VALUE);
    between("gateway-burst", gatewayBurst, 1, Integer.MAX_VALUE);
    between("error-replies", errorReplies, 0, Integer.MAX_VALUE);
    between("disconnect-after-refused", disconnectAfterRefused, 0, Integer.MAX_VALUE);
    if (disconnectAfter.isNegative()) {
      throw new IllegalArgumentException("fleet.limits.disconnect-after must not be negative, not " + disconnectAfter);
    }
    if (logInterval.toMillis() < 1000) {
      throw new IllegalArgumentException("fleet.limits.log-interval must be at least a second, not " + logInterval);
    }
  }

  /** Whether message rates are limited at all. */
  public boolean ratesLimited() {
    return deviceRate > 0 || gatewayRate > 0;
  }

  private static void between(String property, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException("fleet.limits." + property + " must be " + min + " to " + max + ", not " + value);
    }
  }
}
