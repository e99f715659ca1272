package io.fleetjobs.app.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The whole service, started as in production but on the shared test broker and a file H2 database of its own, which
 * survives {@link #restart()} so tests can stop the service mid-job and start it again.
 */
public final class AppUnderTest implements AutoCloseable {

  private final Map<String, String> properties;
  private EmbeddedServer server;
  private HttpClient http;
  private Api api;

  public AppUnderTest(Map<String, String> overrides) {
    String db = Path.of("target", "it-db", UUID.randomUUID().toString()).toAbsolutePath().toString();
    properties = new HashMap<>(TestConfig.properties());
    properties.put("datasources.default.url", "jdbc:h2:file:" + db + ";LOCK_TIMEOUT=10000");
    properties.putAll(overrides);
    start();
  }

  /** The default set-up: the service runs its own embedded broker, on {@code mqttPort}. */
  public static AppUnderTest withEmbeddedBroker(int mqttPort) {
    return withEmbeddedBroker(mqttPort, Map.of());
  }

  /** The service with its own embedded broker on {@code mqttPort}, and more properties. */
  public static AppUnderTest withEmbeddedBroker(int mqttPort, Map<String, String> more) {
    Map<String, String> all = new HashMap<>(more);
    all.putAll(Map.of(
        "fleet.mqtt.embedded", "true",
        "fleet.mqtt.url", "tcp://127.0.0.1:" + mqttPort,
        "fleet.mqtt.port", String.valueOf(mqttPort),
        "fleet.mqtt.data-dir", Path.of("target", "embedded-broker-" + mqttPort).toString()));
    return new AppUnderTest(all);
  }

  private void start() {
    server = ApplicationContext.run(EmbeddedServer.class, new HashMap<>(properties));
    http = HttpClient.create(server.getURL());
    api = null;
  }

  /** The API signed in as the first admin (on first use: a service on HTTPS brings its own trusting client). */
  public synchronized Api api() {
    if (api == null) {
      api = Api.asAdmin(http.toBlocking());
    }
    return api;
  }

  /**
   * Registers the fleet {@code builder} would make, in bulk through the API as an admin would, and gives the builder
   * every device's secret: the devices then connect with their own credentials.
   */
  public io.fleetjobs.sim.SimulatedFleet.Builder provision(io.fleetjobs.sim.SimulatedFleet.Builder builder) {
    var provisioner = new io.fleetjobs.sim.provision.Provisioner(server.getURL().toString(), api().token());
    return builder.credentials(provisioner.ensure(builder.plan(), Map.of()));
  }

  public int port() {
    return server.getPort();
  }

  /** The UDP port the service's CoAP server listens on with DTLS ({@code coaps://}). */
  public int coapPort() {
    return coapEndpoint("coaps").orElseThrow(() -> new IllegalStateException("no DTLS endpoint")).getAddress().getPort();
  }

  /** The UDP port of plain CoAP ({@code coap://}), when {@code fleet.coap.plain} is on. */
  public int plainCoapPort() {
    return coapEndpoint("coap").orElseThrow(() -> new IllegalStateException("plain CoAP is off")).getAddress().getPort();
  }

  /** The CoAP server's endpoint of {@code scheme} ({@code coap} or {@code coaps}), if it has one. */
  public java.util.Optional<org.eclipse.californium.core.network.Endpoint> coapEndpoint(String scheme) {
    return bean(org.eclipse.californium.core.CoapServer.class).getEndpoints().stream()
        .filter(e -> scheme.equals(e.getUri().getScheme())).findFirst();
  }

  public <T> T bean(Class<T> type) {
    return server.getApplicationContext().getBean(type);
  }

  /** Stops the service as an operator would, then starts it again on the same database and broker session. */
  public void restart() {
    restart(() -> {});
  }

  /** {@link #restart()}, doing {@code whileStopped} between the stop and the start. */
  public void restart(Runnable whileStopped) {
    stop();
    try {
      whileStopped.run();
    } finally {
      start();
    }
  }

  /** A property the service runs with (the test's and its overrides). */
  public String property(String name) {
    return properties.get(name);
  }

  private void stop() {
    http.close();
    server.getApplicationContext().close();
  }

  @Override
  public void close() {
    stop();
  }
}
