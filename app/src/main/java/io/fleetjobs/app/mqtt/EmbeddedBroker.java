package io.fleetjobs.app.mqtt;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import io.fleetjobs.app.limits.LimitsConfig;
import io.fleetjobs.app.tls.BrokerListeners;
import io.fleetjobs.app.tls.OwnerOnly;
import io.fleetjobs.app.tls.TlsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process HiveMQ CE broker of the one-command setup. It gets its own configuration folder: bound to the
 * configured host only, usage statistics off, per-client queues large enough for bursts of device answers (HiveMQ
 * drops silently beyond them), the persistence chosen by {@code fleet.mqtt.embedded-persistence} (file persistence
 * costs a disk transaction per queued message, which halves device throughput, measured with Java Flight Recorder), and
 * the largest packet, client id and topic of {@code fleet.limits}.
 */
public final class EmbeddedBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

  private final EmbeddedHiveMQ hivemq;
  private final int port;

  private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port) {
    this.hivemq = hivemq;
    this.port = port;
  }

  /**
   * Starts the broker listening as {@code fleet.tls} asks (plain, TLS, or both), with {@code security} loaded as its
   * extension: nobody connects before it is in place.
   */
  public static EmbeddedBroker start(MqttConfig config, TlsConfig tls, LimitsConfig limits, ExtensionMain security) {
    if (config.clientId().length() > limits.mqttMaxClientIdLength()) {
      throw new IllegalArgumentException("fleet.mqtt.client-id is " + config.clientId().length() + " characters long, more than"
          + " the embedded broker accepts (fleet.limits.mqtt-max-client-id-length = " + limits.mqttMaxClientIdLength() + ")");
    }
    Path root = Path.of(config.dataDir()).toAbsolutePath();
    Path conf = root.resolve("conf");
    try {
      Files.createDirectories(conf);
      Files.createDirectories(root.resolve("data"));
      Files.createDirectories(root.resolve("extensions"));
      // owner-only: it names the TLS keystores' passwords
      OwnerOnly.write(conf.resolve("config.xml"), configXml(config, limits, BrokerListeners.xml(tls, config.host(), config.port(), conf))
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the embedded broker's folders under " + root, e);
    }
    EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(conf)
        .withDataFolder(root.resolve("data"))
        .withExtensionsFolder(root.resolve("extensions"))
        .withEmbeddedExtension(EmbeddedExtension.builder()
            .withId("fleet-jobs-security").withName("Fleet Jobs security").withVersion("1").withAuthor("Fleet Jobs")
            .withPriority(1000).withStartPriority(1000)
            .withExtensionMain(security)
            .build())
        .withoutLoggingBootstrap()
        .build();
    long started = System.nanoTime();
    hivemq.start().join();
    LOG.info("Embedded MQTT broker listening on {} ({} ms)", BrokerListeners.describe(tls, config.host(), config.port()),
        (System.nanoTime() - started) / 1_000_000);
    return new EmbeddedBroker(hivemq, config.port());
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      hivemq.stop().join();
      hivemq.close();
    } catch (Exception e) {
      LOG.warn("Embedded broker did not stop cleanly: {}", e.toString());
    }
  }

  private static String configXml(MqttConfig config, LimitsConfig limits, String listeners) {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
        %s  </listeners>
          <mqtt>
            <queued-messages>
              <max-queue-size>%d</max-queue-size>
              <strategy>discard-oldest</strategy>
            </queued-messages>
            <receive-maximum>
              <server-receive-maximum>65535</server-receive-maximum>
            </receive-maximum>
            <packets>
              <max-packet-size>%d</max-packet-size>
            </packets>
          </mqtt>
          <restrictions>
            <max-client-id-length>%d</max-client-id-length>
            <max-topic-length>%d</max-topic-length>
          </restrictions>
          <persistence>
            <mode>%s</mode>
          </persistence>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
        </hivemq>
        """.formatted(listeners, config.maxQueuedMessages(), limits.mqttMaxPacketSize(), limits.mqttMaxClientIdLength(),
            limits.mqttMaxTopicLength(), config.persistence().value());
  }
}
