package io.fleetjobs.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.CoapPaths;
import io.fleetjobs.contract.message.Presence;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A simulated CoAP device follows CONTRACT.md §12's rule for a service that lost its state, against a small
 * Californium server that is "restarted" by replacing it with a new one on the same port (no DTLS session, no
 * observation): it observes again when Max-Age passes, when a presence is answered 2.01, and over DTLS it goes on
 * over a new handshake when a request is unanswered twice.
 */
class CoapLinkTest {

  static {
    CoapConfig.register();
    UdpConfig.register();
    DtlsConfig.register();
  }

  private static final String DEVICE = "link-1";
  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
  private final CoapEndpoints endpoints = new CoapEndpoints();
  private TinyService service;
  private CoapLink link;

  @AfterEach
  void stop() {
    if (link != null) {
      link.drop();
    }
    if (service != null) {
      service.close();
    }
    endpoints.close();
    scheduler.shutdownNow();
  }

  @Test
  void aDeviceObservesAgainOverANewHandshakeWhenMaxAgePassesWithoutAFreshNotification() {
    service = new TinyService(0, true, 2);
    link = link(true, 600); // a presence refresh only every 300 s: only Max-Age can tell it
    link.connect().join();
    assertThat(service.observers()).isEqualTo(1);

    service = service.restart();
    // Max-Age (2 s) and a second of grace, then a new handshake and a new observation
    await().atMost(Duration.ofSeconds(8)).until(() -> service.observers() == 1);
    assertThat(service.presences.get()).isZero();
  }

  @Test
  void aPresenceAnswered201MakesTheDeviceObserveAgain() {
    service = new TinyService(0, false, 600);
    link = link(false, 2); // presence refreshed every second
    link.connect().join();
    assertThat(service.observers()).isEqualTo(1);

    service.forgetObservations(); // the device is not told: only the next presence answer says so
    await().atMost(Duration.ofSeconds(5)).until(() -> service.observers() == 1);
  }

  @Test
  void overDtlsARequestUnansweredAfterTwoTransmissionsGoesOnOverANewHandshake() {
    service = new TinyService(0, true, 600);
    link = link(true, 4); // presence refreshed every 2 s
    link.connect().join();

    service = service.restart();
    // the refresh's first two transmissions go to a service that knows no session; the third, over a new handshake,
    // is answered 2.01, and the device observes again
    await().atMost(Duration.ofSeconds(20)).until(() -> service.presences.get() > 0 && service.observers() == 1);
  }

  private CoapLink link(boolean dtls, long lifetimeSeconds) {
    return new CoapLink(DEVICE, Presence.online("fridge", Map.of()), "127.0.0.1", service.port(),
        dtls ? () -> endpoints.dtls(DEVICE, SECRET) : null, lifetimeSeconds, scheduler, new DeviceLink.Listener() {
          @Override
          public void connected() {}

          @Override
          public void disconnected() {}

          @Override
          public void message(Channel channel, byte[] payload) {}

          @Override
          public void canceled(String executionId) {}
        });
  }

  /** The device's resources as the contract has them, as far as these tests need: presence and an empty pending list. */
  private static final class TinyService implements AutoCloseable {
    final AtomicInteger presences = new AtomicInteger();
    private final CoapServer server;
    private final CoapResource pending;
    private final boolean dtls;
    private final long maxAge;

    TinyService(int port, boolean dtls, long maxAge) {
      this.dtls = dtls;
      this.maxAge = maxAge;
      Configuration config = Configuration.createStandardWithoutFile();
      server = new CoapServer(config);
      InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
      if (dtls) {
        AdvancedMultiPskStore keys = new AdvancedMultiPskStore();
        keys.setKey(DEVICE, SECRET.getBytes(StandardCharsets.UTF_8));
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(config).setConnector(new DTLSConnector(DtlsConnectorConfig.builder(config)
            .setAddress(address).set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
            .set(DtlsConfig.DTLS_CIPHER_SUITES, CoapEndpoints.CIPHER_SUITES).setAdvancedPskStore(keys).build())).build());
      } else {
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(config).setInetSocketAddress(address).build());
      }
      pending = new CoapResource(CoapPaths.Resource.PENDING.segment()) {
        @Override
        public void handleGET(CoapExchange exchange) {
          exchange.setMaxAge(TinyService.this.maxAge);
          exchange.respond(ResponseCode.CONTENT, "{\"contractVersion\": 1, \"executions\": [], \"canceled\": []}", CoapPaths.JSON);
        }
      };
      pending.setObservable(true);
      pending.setObserveType(Type.CON);
      CoapResource device = new CoapResource(DEVICE);
      device.add(new CoapResource(CoapPaths.Resource.PRESENCE.segment()) {
        @Override
        public void handlePOST(CoapExchange exchange) {
          presences.incrementAndGet();
          exchange.respond(pending.getObserverCount() == 0 ? ResponseCode.CREATED : ResponseCode.CHANGED);
        }
      });
      device.add(pending);
      Resource parent = server.getRoot();
      for (String segment : CoapPaths.ROOT) {
        CoapResource child = new CoapResource(segment);
        parent.add(child);
        parent = child;
      }
      parent.add(device);
      server.start();
    }

    int port() {
      return server.getEndpoints().get(0).getAddress().getPort();
    }

    int observers() {
      return pending.getObserverCount();
    }

    void forgetObservations() {
      pending.clearObserveRelations();
    }

    /** Stops this one and starts a new one on the same port, which knows nothing of the old one's state. */
    TinyService restart() {
      int port = port();
      close();
      return new TinyService(port, dtls, maxAge);
    }

    @Override
    public void close() {
      server.destroy();
    }
  }
}
