package io.fleetjobs.sim;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * A CoAP fleet's DTLS endpoints: each device has its own (its own UDP port and DTLS session; PSK identity = its
 * device id, key = its secret's UTF-8 bytes, cipher suites TLS_PSK_WITH_AES_128_CCM_8 then
 * TLS_PSK_WITH_AES_128_GCM_SHA256), all sharing the fleet's protocol threads. Each endpoint still has a receiving
 * thread of its own (and Scandium a timer), so a DTLS device costs about two threads.
 */
final class CoapEndpoints implements AutoCloseable {

  static final List<CipherSuite> CIPHER_SUITES = List.of(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8, CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256);

  static {
    CoapConfig.register();
    UdpConfig.register();
    DtlsConfig.register();
  }

  private final Configuration config = Configuration.createStandardWithoutFile()
      // the device observes again by CONTRACT.md §12's rule (CoapLink), never by Californium's own re-registration,
      // which would reuse the old token and DTLS session
      .set(CoapConfig.NOTIFICATION_REREGISTRATION_BACKOFF, 1, TimeUnit.DAYS);
  private final ScheduledExecutorService protocol = Executors.newScheduledThreadPool(2, daemon("coap-sim"));
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("coap-sim-timer"));
  private final ExecutorService dtls = Executors.newFixedThreadPool(2, daemon("dtls-sim"));

  /** A new, unstarted endpoint speaking DTLS as {@code deviceId} with key {@code secret}. */
  Endpoint dtls(String deviceId, String secret) {
    DTLSConnector connector = new DTLSConnector(DtlsConnectorConfig.builder(config)
        .setAddress(new InetSocketAddress(0))
        .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
        .set(DtlsConfig.DTLS_CIPHER_SUITES, CIPHER_SUITES)
        .set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1)
        .set(DtlsConfig.DTLS_MAX_CONNECTIONS, 4)
        .setAdvancedPskStore(new AdvancedSinglePskStore(deviceId, secret.getBytes(StandardCharsets.UTF_8)))
        .setLoggingTag(deviceId)
        .build());
    connector.setExecutor(dtls);
    CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(config).setConnector(connector).build();
    endpoint.setExecutors(protocol, timers);
    return endpoint;
  }

  @Override
  public void close() {
    protocol.shutdownNow();
    timers.shutdownNow();
    dtls.shutdownNow();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
