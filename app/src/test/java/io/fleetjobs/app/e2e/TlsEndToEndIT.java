package io.fleetjobs.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import io.fleetjobs.app.mqtt.ServiceMqttClient;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.DevCerts;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.app.support.TestBroker;
import io.fleetjobs.app.support.TlsClients;
import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.SimulatedFleet;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.ssl.ClientSslConfiguration;
import io.micronaut.http.ssl.SslConfiguration;
import java.net.ConnectException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The service secured with the files dev-certs writes, configured by the very {@code fleet-tls.properties} it writes
 * (PEM for both MQTT and HTTPS), with plain MQTT off: the embedded broker listens with TLS only, the service reaches
 * it over TLS, the API answers over HTTPS only, and simulated devices work over TLS, some with client certificates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsEndToEndIT {

  private static final Behaviour QUICK = Behaviour.builder().latency(Duration.ofMillis(1), Duration.ofMillis(20)).build();

  private Path certs;
  private int plainMqttPort;
  private int tlsMqttPort;
  private int plainHttpPort;
  private AppUnderTest app;
  private HttpClient http;
  private Api api;

  @BeforeAll
  void startService() throws Exception {
    certs = DevCerts.write(Path.of("target", "tls-it-" + ProcessHandle.current().pid()).toAbsolutePath(), "tls-0000", "tls-0001");
    plainMqttPort = TestBroker.freePort();
    tlsMqttPort = TestBroker.freePort();
    plainHttpPort = TestBroker.freePort();
    Map<String, String> properties = new HashMap<>(DevCerts.properties(certs));
    properties.put("fleet.tls.plain-mqtt", "false");
    properties.put("fleet.tls.mqtt-port", String.valueOf(tlsMqttPort));
    properties.put("micronaut.server.ssl.port", "-1");
    properties.put("micronaut.server.port", String.valueOf(plainHttpPort));
    properties.put("fleet.mqtt.embedded", "true");
    properties.put("fleet.mqtt.url", "tcp://127.0.0.1:" + plainMqttPort);
    properties.put("fleet.mqtt.port", String.valueOf(plainMqttPort));
    properties.put("fleet.mqtt.data-dir", certs.resolveSibling("tls-it-broker-" + ProcessHandle.current().pid()).toString());
    app = new AppUnderTest(properties);
    http = HttpClient.create(new URL("https://127.0.0.1:" + app.port()), trustingTheDevCa());
    api = new Api(http.toBlocking());
    assertThat(api.post("/api/templates", Fixtures.fridgeTemplate("fridge")).status()).isEqualTo(201);
  }

  /** Micronaut's HTTP client with the dev CA as its trust store (a PEM file works as one). */
  private DefaultHttpClientConfiguration trustingTheDevCa() {
    SslConfiguration.TrustStoreConfiguration trust = new ClientSslConfiguration.DefaultTrustStoreConfiguration();
    trust.setPath("file:" + certs.resolve("ca.pem"));
    ClientSslConfiguration ssl = new ClientSslConfiguration();
    ssl.setTrustStore(trust);
    DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
    configuration.setSslConfiguration(ssl);
    return configuration;
  }

  @AfterAll
  void stopService() {
    http.close();
    app.close();
  }

  private SimulatedFleet devices(String prefix, int count, boolean clientCertificates) {
    SimulatedFleet fleet = SimulatedFleet.builder()
        .brokerHost("127.0.0.1").brokerPort(tlsMqttPort)
        .tls(true).caFile(certs.resolve("ca.pem")).clientCertDir(clientCertificates ? certs.resolve("devices") : null)
        .template("fridge").idPrefix(prefix).count(count).attributes(i -> Map.of("batch", prefix))
        .behaviour(QUICK)
        .build();
    fleet.start();
    return fleet;
  }

  @Test
  void devicesWithClientCertificatesGetTheirJobOverTlsAndComplete() {
    try (SimulatedFleet fleet = devices("tls-", 2, true)) {
      assertThat(api.post("/api/device-sets", """
          {"id": "tls-fridges", "name": "TLS fridges", "template": "fridge",
           "conditions": [{"field": "attributes.batch", "operator": "EQ", "value": "tls-"}]}""").status()).isEqualTo(201);
      await().atMost(Duration.ofSeconds(20))
          .until(() -> api.get("/api/device-sets/tls-fridges/devices?size=1").body().get("totalItems").asInt() == 2);

      String id = api.post("/api/jobs", Fixtures.fanSpeedJob("tls-fridges", 4, true)).body().get("id").asText();

      await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/jobs/" + id).body().get("status").asText().equals("COMPLETED"));
      assertThat(api.get("/api/jobs/" + id).body().get("counts").get("completed").asInt()).isEqualTo(2);
      assertThat(fleet.device("tls-0000").settings().get("fanSpeed").asInt()).isEqualTo(4);
    }
  }

  @Test
  void aDeviceWithoutAClientCertificateStillConnectsOverTlsAndIsRegistered() {
    try (SimulatedFleet fleet = devices("nocert-", 1, false)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/devices/nocert-0000").status() == 200);
      JsonNode device = api.get("/api/devices/nocert-0000").body();
      assertThat(device.get("presence").asText()).isEqualTo("ONLINE");
    }
  }

  @Test
  void withPlainMqttOffAPlainConnectionIsRefused() {
    assertThatThrownBy(() -> TlsClients.connect("plain-client", plainMqttPort, null))
        .hasRootCauseInstanceOf(ConnectException.class);
  }

  @Test
  void aClientThatDoesNotTrustTheDevCaFailsTheHandshake() {
    MqttClientSslConfig jvmTrust = MqttClientSslConfig.builder().build();

    assertThatThrownBy(() -> TlsClients.connect("distrustful", tlsMqttPort, jvmTrust))
        .hasStackTraceContaining("SSLHandshakeException: PKIX path");
  }

  @Test
  void healthAnswersOverHttpsWithTheDevCaTrustedAndTheServiceReachesItsBrokerOverTls() throws Exception {
    HttpResponse<String> health = TlsClients.get(TlsClients.https(certs.resolve("ca.pem")), "https://127.0.0.1:" + app.port() + "/health");

    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode mqtt = new com.fasterxml.jackson.databind.ObjectMapper().readTree(health.body()).get("details").get("mqtt");
    assertThat(mqtt.get("status").asText()).isEqualTo("UP");
    assertThat(mqtt.get("details").get("tls").asBoolean()).isTrue();
    assertThat(mqtt.get("details").get("broker").asText()).isEqualTo("127.0.0.1:" + tlsMqttPort);
  }

  @Test
  void anotherServiceReachesThisBrokerAsAnExternalOneOverSslTrustingTheTrustFile() {
    // the host name is verified: 127.0.0.1 is in the dev server certificate
    try (AppUnderTest external = new AppUnderTest(Map.of(
        "fleet.mqtt.embedded", "false",
        "fleet.mqtt.url", "ssl://127.0.0.1:" + tlsMqttPort,
        "fleet.tls.trust-file", certs.resolve("ca.pem").toString()))) {
      ServiceMqttClient client = external.bean(ServiceMqttClient.class);
      assertThat(client.isConnected()).isTrue();
      assertThat(client.overTls()).isTrue();
      assertThat(client.serverAddress()).isEqualTo("127.0.0.1:" + tlsMqttPort);
    }
  }

  @Test
  void plainHttpIsOffAndAnUntrustingHttpsClientIsRefused() {
    assertThatThrownBy(() -> TlsClients.get(java.net.http.HttpClient.newHttpClient(), "http://127.0.0.1:" + plainHttpPort + "/health"))
        .isInstanceOf(ConnectException.class);
    assertThatThrownBy(() -> TlsClients.get(java.net.http.HttpClient.newHttpClient(), "https://127.0.0.1:" + app.port() + "/health"))
        .isInstanceOf(SSLHandshakeException.class);
  }
}
