package io.fleetjobs.app.mqtt;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.time.Duration;

/**
 * How the service reaches devices over MQTT ({@code fleet.mqtt.*}).
 *
 * @param embedded run an in-process HiveMQ CE broker (default {@code true}); false to use an external broker
 * @param url the external broker as {@code tcp://host:port} or {@code mqtt://host:port}, or over TLS as
 *     {@code ssl://host:port} or {@code mqtts://host:port} (default port 8883; trust: {@code fleet.tls.trust-file})
 *     (default: none); when set it takes precedence over {@code host} and {@code port}
 * @param host broker host the service connects to (default {@code 127.0.0.1}); also the embedded broker's bind address
 * @param port broker port (default {@code 1883}); {@code 0} picks a free port for the embedded broker
 * @param dataDir where the embedded broker keeps its data and configuration (default {@code ./data/broker})
 * @param clientId the service's MQTT client id (default {@code fleet-jobs-service}); unique per service instance
 * @param sharedGroup the shared-subscription group several service instances split device traffic in (default: none,
 *     a plain subscription). Set it, the same on every instance, when running more than one. HiveMQ CE looks an
 *     acknowledged message up in a shared queue by scanning the whole queue, which costs a fifth of the CPU at
 *     thousands of messages a second (measured with Java Flight Recorder), so one instance is faster without
 * @param receiveMaximum how many unacknowledged device messages the service accepts at once (default {@code 10000});
 *     messages are acknowledged only once recorded, so this bounds memory and nothing is lost on a crash
 * @param sessionExpiry how long the broker keeps the service's session while it is away (default {@code PT1H})
 * @param maxQueuedMessages the embedded broker's per-client queue (default {@code 200000}); HiveMQ drops beyond it
 * @param embeddedPersistence how the embedded broker keeps sessions and queued messages: {@code in-memory} (default)
 *     or {@code file} (under {@code dataDir}). In memory is several times faster and loses nothing the engine needs:
 *     the broker lives and dies with the service, and after a restart every device reconnects, asks for its pending
 *     work and repeats its answers, as the contract requires
 * @param username the user name the service's own client connects with (default {@code service@fleet-jobs}; no
 *     device can have it, device ids have no {@code @}); on an external broker, the account that may publish on every
 *     device's {@code down} topics and subscribe to their {@code up} topics
 * @param password that account's password (default: none; with the embedded broker a random one is made at every
 *     start, since the broker lives in the same process; an external broker needs it set)
 */
@ConfigurationProperties("fleet.mqtt")
public record MqttConfig(
    @Bindable(defaultValue = "true") boolean embedded,
    @Nullable String url,
    @Bindable(defaultValue = "127.0.0.1") String host,
    @Bindable(defaultValue = "1883") int port,
    @Bindable(defaultValue = "./data/broker") String dataDir,
    @Bindable(defaultValue = "fleet-jobs-service") String clientId,
    @Nullable String sharedGroup,
    @Bindable(defaultValue = "10000") int receiveMaximum,
    @Bindable(defaultValue = "PT1H") Duration sessionExpiry,
    @Bindable(defaultValue = "200000") int maxQueuedMessages,
    @Bindable(defaultValue = "in-memory") String embeddedPersistence,
    @Bindable(defaultValue = "service@fleet-jobs") String username,
    @Nullable String password) {

  /** The longest session expiry MQTT 5 can carry: a four-byte count of seconds. */
  static final long MAX_SESSION_EXPIRY_SECONDS = 0xFFFF_FFFFL;

  public MqttConfig {
    BrokerPersistence.of(embeddedPersistence); // refused at start-up, naming the property
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("fleet.mqtt.port must be 0 to 65535, not " + port);
    }
    // above 65535 is accepted and sent as 65535, the most MQTT 5 allows
    if (receiveMaximum < 1) {
      throw new IllegalArgumentException("fleet.mqtt.receive-maximum must be at least 1, not " + receiveMaximum);
    }
    if (sessionExpiry.isNegative() || sessionExpiry.toSeconds() > MAX_SESSION_EXPIRY_SECONDS) {
      throw new IllegalArgumentException(
          "fleet.mqtt.session-expiry must be 0 to " + MAX_SESSION_EXPIRY_SECONDS + " seconds, not " + sessionExpiry);
    }
    if (maxQueuedMessages < 1) {
      throw new IllegalArgumentException("fleet.mqtt.max-queued-messages must be at least 1, not " + maxQueuedMessages);
    }
  }

  /** {@link #embeddedPersistence} as its mode. */
  public BrokerPersistence persistence() {
    return BrokerPersistence.of(embeddedPersistence);
  }

  /** The filters the service subscribes to: shared ones when a group is set. */
  public java.util.List<String> serviceSubscriptions() {
    return sharedGroup == null || sharedGroup.isBlank()
        ? io.fleetjobs.contract.Topics.serviceSubscriptions()
        : io.fleetjobs.contract.Topics.sharedServiceSubscriptions(sharedGroup);
  }

  /** The host the service connects to: from {@code url} when given. */
  public String brokerHost() {
    return url == null ? host : parsedUrl().getHost();
  }

  /** The port the service connects to: from {@code url} when given (1883 if it names none, 8883 for TLS). */
  public int brokerPort() {
    if (url == null) {
      return port;
    }
    int p = parsedUrl().getPort();
    return p != -1 ? p : urlUsesTls() ? 8883 : 1883;
  }

  /** {@code url} names a broker reached over TLS ({@code ssl://} or {@code mqtts://}). */
  public boolean urlUsesTls() {
    return url != null && ("ssl".equals(parsedUrl().getScheme()) || "mqtts".equals(parsedUrl().getScheme()));
  }

  private URI parsedUrl() {
    URI uri = URI.create(url);
    if (uri.getHost() == null || !java.util.Set.of("tcp", "mqtt", "ssl", "mqtts").contains(uri.getScheme())) {
      throw new IllegalArgumentException("fleet.mqtt.url must look like tcp://host:1883, mqtt://host:1883, ssl://host:8883"
          + " or mqtts://host:8883, not '" + url + "'");
    }
    return uri;
  }
}
