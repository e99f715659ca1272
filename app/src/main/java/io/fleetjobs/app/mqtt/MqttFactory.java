package io.fleetjobs.app.mqtt;

import io.fleetjobs.app.common.DaemonThreads;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.fleetjobs.app.identity.DeviceAccess;
import io.fleetjobs.app.limits.DeviceRefusals;
import io.fleetjobs.app.limits.LimitsConfig;
import io.fleetjobs.app.tls.ServiceClientTls;
import io.fleetjobs.app.tls.TlsConfig;
import io.fleetjobs.contract.ContractVersion;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the MQTT side of the service: the embedded broker (unless an external one is configured) and the service's
 * own HiveMQ MQTT 5 client. The client keeps a persistent session and acknowledges device messages only once they are
 * recorded, so messages that arrive while the service is down or busy wait in the broker rather than being lost.
 */
@Factory
public class MqttFactory {

  private static final Logger LOG = LoggerFactory.getLogger(MqttFactory.class);

  /** What the embedded broker adds to a device's packet on its way to the service: its sender stamp, with room. */
  private static final int SENDER_STAMP_ROOM = 1024;

  @Singleton
  @Bean(preDestroy = "close")
  @Requires(property = "fleet.mqtt.embedded", value = "true", defaultValue = "true")
  EmbeddedBroker embeddedBroker(MqttConfig config, TlsConfig tls, LimitsConfig limits, ServiceAccount account, DeviceAccess devices,
      RefusalLog refusals, DeviceRefusals deviceRefusals, Clock clock, @Named("mqtt-auth") ExecutorService authExecutor) {
    MessageRates rates = new MessageRates(limits, deviceRefusals, clock);
    return EmbeddedBroker.start(config, tls, limits, new BrokerSecurity(account, devices, authExecutor, refusals, rates));
  }

  /** Connect decisions read the database: a few threads of their own, never the broker's network threads. */
  @Singleton
  @Named("mqtt-auth")
  @Bean(preDestroy = "shutdown")
  ExecutorService authExecutor() {
    return Executors.newFixedThreadPool(4, DaemonThreads.numbered("fleet-mqtt-auth"));
  }

  /** Enrolments write to the database: two threads of their own, so a fleet enrolling at once never holds up the others. */
  @Singleton
  @Named("mqtt-enrolment")
  @Bean(preDestroy = "shutdown")
  ExecutorService enrolmentExecutor() {
    return Executors.newFixedThreadPool(2, DaemonThreads.numbered("fleet-mqtt-enrolment"));
  }

  /** One thread takes device messages off the network threads, in arrival order, so per-device order holds. */
  @Singleton
  @Named("mqtt-inbound")
  @Bean(preDestroy = "shutdown")
  ExecutorService inboundExecutor() {
    return Executors.newSingleThreadExecutor(DaemonThreads.named("fleet-mqtt-inbound"));
  }

  @Context
  @Bean(preDestroy = "disconnect")
  ServiceMqttClient client(MqttConfig config, ServiceAccount account, @Nullable EmbeddedBroker broker, MqttInbound inbound,
      @Named("mqtt-inbound") ExecutorService executor, TlsConfig tls, LimitsConfig limits, java.util.List<BrokerPreparation> preparations) {
    preparations.forEach(BrokerPreparation::prepareBroker);
    ServiceClientTls.Connection connection = ServiceClientTls.connection(tls, config.embedded(), config.urlUsesTls(), config.brokerPort());
    var builder = Mqtt5Client.builder()
        .identifier(config.clientId())
        .serverHost(config.brokerHost())
        .serverPort(connection.port())
        .sslConfig(connection.ssl())
        .automaticReconnectWithDefaultConfig()
        .addConnectedListener(ctx -> LOG.info("Connected to MQTT broker {}:{}{}", config.brokerHost(), connection.port(),
            connection.ssl() == null ? "" : " over TLS"))
        .addDisconnectedListener(ctx -> {
          if (ctx.getSource() != com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource.USER) {
            LOG.warn("Disconnected from MQTT broker, reconnecting: {}", ctx.getCause().toString());
          }
        });
    if (account.password() != null) {
      builder.simpleAuth().username(account.username()).password(account.password().getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .applySimpleAuth();
    }
    Mqtt5AsyncClient client = builder.buildAsync();
    // registered before connecting so messages the broker kept for our session are not missed
    client.publishes(MqttGlobalPublishFilter.ALL, inbound::handle, executor, true);
    client.connectWith()
        .cleanStart(false)
        .sessionExpiryInterval(config.sessionExpiry().toSeconds())
        .restrictions()
            .receiveMaximum(Math.min(65535, config.receiveMaximum()))
            // the broker drops bigger device messages rather than handing them to us (an external broker may not limit)
            .maximumPacketSize(Math.min(LimitsConfig.MQTT_LARGEST_PACKET, limits.mqttMaxPacketSize() + SENDER_STAMP_ROOM))
            .applyRestrictions()
        .send()
        .join();
    var filters = config.serviceSubscriptions();
    client.subscribeWith()
        .addSubscriptions(filters.stream()
            .map(f -> Mqtt5Subscription.builder().topicFilter(f).qos(MqttQos.AT_LEAST_ONCE).build())
            .toList())
        .send()
        .join();
    LOG.info("Subscribed to {} (contract v{})", filters, ContractVersion.CURRENT);
    return new ServiceMqttClient(client);
  }
}
