package io.fleetjobs.app.support;

import io.fleetjobs.contract.CoapPaths;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.exception.ConnectorException;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * A hand-driven CoAP device over DTLS, for tests: one endpoint of its own whose handshakes present PSK identity
 * {@code identity} with {@code key} (a device's secret, as UTF-8 bytes). A request that gets no answer (a failed
 * handshake, nothing listening) returns null after {@code timeoutMillis}.
 */
public final class DtlsDevice implements AutoCloseable {

  static {
    CoapConfig.register();
    UdpConfig.register();
    DtlsConfig.register();
  }

  private final String base;
  private final CoapEndpoint endpoint;
  private final DTLSConnector connector;
  private final long timeoutMillis;

  public DtlsDevice(String identity, String key, int port, long timeoutMillis) {
    this(identity, key, port, timeoutMillis, List.of(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8));
  }

  public DtlsDevice(String identity, String key, int port, long timeoutMillis, List<CipherSuite> suites) {
    this(identity, key, port, timeoutMillis, suites, 1024);
  }

  /**
   * A device that sends bodies over {@code maxMessageSize} bytes block-wise (Block1, blocks of that size, at most 1024),
   * and smaller ones whole, in one datagram.
   */
  public DtlsDevice(String identity, String key, int port, long timeoutMillis, List<CipherSuite> suites, int maxMessageSize) {
    Configuration config = Configuration.createStandardWithoutFile();
    config.set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, 2);
    config.set(CoapConfig.MAX_MESSAGE_SIZE, maxMessageSize);
    config.set(CoapConfig.PREFERRED_BLOCK_SIZE, Math.min(maxMessageSize, 1024)); // CoAP's largest block
    this.base = "coaps://127.0.0.1:" + port + "/";
    this.timeoutMillis = timeoutMillis;
    this.connector = new DTLSConnector(DtlsConnectorConfig.builder(config)
        .setAddress(new InetSocketAddress("127.0.0.1", 0))
        .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
        .set(DtlsConfig.DTLS_CIPHER_SUITES, suites)
        .set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1)
        .set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1)
        .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key.getBytes(StandardCharsets.UTF_8)))
        .build());
    this.endpoint = new CoapEndpoint.Builder().setConfiguration(config).setConnector(connector).build();
    try {
      endpoint.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code path} is written without a leading slash, as {@link CoapPaths} makes them. */
  public CoapResponse get(String path) {
    return send(Request.newGet(), path);
  }

  public CoapResponse post(String path, String json) {
    return post(path, json.getBytes(StandardCharsets.UTF_8));
  }

  public CoapResponse post(String path, byte[] payload) {
    Request request = Request.newPost();
    request.setPayload(payload);
    request.getOptions().setContentFormat(CoapPaths.JSON);
    return send(request, path);
  }

  public CoapResponse send(Request request, String path) {
    CoapClient client = new CoapClient(base + path).setTimeout(timeoutMillis);
    client.setEndpoint(endpoint);
    try {
      return client.advanced(request);
    } catch (ConnectorException | IOException e) {
      return null;
    } finally {
      client.shutdown();
    }
  }

  /** Observes {@code path}: every answer and notification goes to {@code notifications}, on Californium's threads. */
  public org.eclipse.californium.core.CoapObserveRelation observe(String path,
      java.util.function.Consumer<CoapResponse> notifications) {
    CoapClient client = new CoapClient(base + path).setTimeout(timeoutMillis);
    client.setEndpoint(endpoint);
    return client.observe(new org.eclipse.californium.core.CoapHandler() {
      @Override
      public void onLoad(CoapResponse response) {
        notifications.accept(response);
      }

      @Override
      public void onError() {
        // the test sees no notification
      }
    });
  }

  /** Forgets the DTLS session, so the next request needs a new handshake (as after a restart of the device). */
  public void forgetSession() {
    connector.clearConnectionState();
  }

  @Override
  public void close() {
    endpoint.destroy();
  }
}
