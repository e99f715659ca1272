package io.fleetjobs.app.coap;

import io.fleetjobs.app.common.DaemonThreads;
import io.fleetjobs.app.identity.DeviceAccess;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Eclipse Californium CoAP server with the device resources: CoAP over DTLS (Scandium, PSK per device) on
 * {@code fleet.coap.dtls.port}, and plain CoAP on {@code fleet.coap.port} only with {@code fleet.coap.plain}; every
 * request passes the {@link DeviceGate}. Configuration comes from code only, so Californium writes no properties file
 * into the working directory.
 */
@Factory
@Requires(property = "fleet.coap.enabled", value = "true", defaultValue = "true")
class CoapFactory {

  private static final Logger LOG = LoggerFactory.getLogger(CoapFactory.class);

  /** Threads that look DTLS keys up in the database, and handshakes that may wait for one; beyond that: refused. */
  private static final int KEY_LOOKUP_THREADS = 2;
  private static final int KEY_LOOKUPS_QUEUED = 1_000;

  static {
    CoapConfig.register();
    UdpConfig.register();
    DtlsConfig.register();
  }

  @Singleton
  @Named("coap-key-lookups")
  @Bean(preDestroy = "shutdownNow")
  ExecutorService keyLookups() {
    return new ThreadPoolExecutor(KEY_LOOKUP_THREADS, KEY_LOOKUP_THREADS, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(KEY_LOOKUPS_QUEUED),
        DaemonThreads.numbered("coap-key-lookup"));
  }

  @Context
  @Bean(preDestroy = "destroy")
  CoapServer coapServer(CoapSettings settings, DtlsSettings dtls, CoapLimits limits, DevicesResource devices, DeviceAccess access,
      CoapRefusals refusals, Clock clock, @Named("coap-key-lookups") ExecutorService keyLookups) {
    Configuration config = configuration(settings, limits);
    CoapServer server = new CoapServer(config);
    server.setMessageDeliverer(new DeviceGate(server.getRoot(), config, devices, access,
        new RequestRate(limits.requestsPerSecond(), limits.burst(), limits.maxDevices(), clock), refusals, limits, settings.maxResourceBodySize()));
    HandshakeFailures failures = new HandshakeFailures(refusals);
    DTLSConnector connector = new DTLSConnector(DtlsConnectorConfig.builder(config)
        .setAddress(new InetSocketAddress(settings.host(), dtls.port()))
        .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
        .set(DtlsConfig.DTLS_CIPHER_SUITES, dtls.suites())
        .set(DtlsConfig.DTLS_MAX_CONNECTIONS, dtls.maxConnections())
        .set(DtlsConfig.DTLS_STALE_CONNECTION_THRESHOLD, dtls.staleConnectionThreshold().toSeconds(), TimeUnit.SECONDS)
        .setAdvancedPskStore(new DevicePskStore(access, keyLookups, refusals, failures))
        .setSessionListener(failures)
        .build());
    CoapEndpoint secure = new CoapEndpoint.Builder().setConfiguration(config).setConnector(connector).build();
    server.addEndpoint(secure);
    CoapEndpoint plain = null;
    if (settings.plain()) {
      plain = new CoapEndpoint.Builder().setConfiguration(config)
          .setInetSocketAddress(new InetSocketAddress(settings.host(), settings.port())).build();
      server.addEndpoint(plain);
    }
    server.add(devices.root());
    server.start();
    LOG.info("CoAP over DTLS (PSK) listening on coaps://{}", hostAndPort(secure.getAddress()));
    if (plain != null) {
      LOG.warn("Plain CoAP listening on coap://{} (fleet.coap.plain): only for devices without a credential under open registration",
          hostAndPort(plain.getAddress()));
    }
    return server;
  }

  /**
   * Californium's settings from ours. Each device observes one resource ({@code pending}), so the server must hold as
   * many observations as devices it keeps state for: Californium's own bound (50,000) would refuse the rest silently.
   */
  static Configuration configuration(CoapSettings settings, CoapLimits limits) {
    Configuration config = Configuration.createStandardWithoutFile();
    config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, settings.maxResourceBodySize());
    config.set(CoapConfig.MAX_SERVER_OBSERVES, limits.maxDevices());
    return config;
  }

  private static String hostAndPort(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }
}
