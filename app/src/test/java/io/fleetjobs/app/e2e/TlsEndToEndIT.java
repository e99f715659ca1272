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

  /** The service's own MQTT account here, so that a second service can use this broker as an external one. */
  private static final String SERVICE_PASSWORD = "tls-it-service-password";
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
    certs = DevCerts.write(Path.of("target", "tls-it-" + ProcessHandle.current().pid()).toAbsolutePath(), "tls-0000", "tls-0001", "cn-0000");
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
    properties.put("fleet.mqtt.password", SERVICE_PASSWORD);
    properties.put("fleet.mqtt.data-dir", certs.resolveSibling("tls-it-broker-" + ProcessHandle.current().pid()).toString());
    app = new AppUnderTest(properties);
    http = HttpClient.create(new URL("https://127.0.0.1:" + app.port()), trustingTheDevCa());
    api = Api.asAdmin(http.toBlocking());
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

  /**
   * Devices registered in bulk over the HTTPS API, connecting over TLS: identified by their client certificates
   * (CN = device id) when {@code clientCertificates}, else by their secrets.
   */
  private SimulatedFleet devices(String prefix, int count, boolean clientCertificates) {
    SimulatedFleet.Builder builder = SimulatedFleet.builder()
        .brokerHost("127.0.0.1").brokerPort(tlsMqttPort)
        .tls(true).caFile(certs.resolve("ca.pem")).clientCertDir(clientCertificates ? certs.resolve("devices") : null)
        .template("fridge").idPrefix(prefix).count(count).attributes(i -> Map.of("batch", prefix))
        .behaviour(QUICK);
    Map<String, String> secrets = register(builder);
    if (!clientCertificates) {
      builder.credentials(secrets);
    }
    SimulatedFleet fleet = builder.build();
    fleet.start();
    return fleet;
  }

  private Map<String, String> register(SimulatedFleet.Builder builder) {
    String body = builder.plan().stream()
        .map(d -> "{\"id\": \"%s\", \"template\": \"fridge\", \"attributes\": {\"batch\": \"%s\"}}".formatted(d.id(), d.attributes().get("batch")))
        .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    Api.Answer answer = api.post("/api/devices/bulk", body);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    Map<String, String> secrets = new HashMap<>();
    answer.body().get("devices").forEach(d -> secrets.put(d.get("id").asText(), d.get("credential").get("secret").asText()));
    return secrets;
  }

  @Test
  void devicesWithClientCertificatesGetTheirJobOverTlsAndComplete() {
    try (SimulatedFleet fleet = devices("tls-", 2, true)) {
      assertThat(api.post("/api/device-sets", """
          {"id": "tls-fridges", "name": "TLS fridges", "template": "fridge",
           "conditions": [{"field": "attributes.batch", "operator": "EQ", "value": "tls-"}]}""").status()).isEqualTo(201);
      await().atMost(Duration.ofSeconds(20)).until(() -> api.onlineIn("tls-fridges") == 2);

      String id = api.post("/api/jobs", Fixtures.fanSpeedJob("tls-fridges", 4, true)).body().get("id").asText();

      await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/jobs/" + id).body().get("status").asText().equals("COMPLETED"));
      assertThat(api.get("/api/jobs/" + id).body().get("counts").get("completed").asInt()).isEqualTo(2);
      assertThat(fleet.device("tls-0000").settings().get("fanSpeed").asInt()).isEqualTo(4);
    }
  }

  @Test
  void aDeviceWithoutAClientCertificateConnectsOverTlsWithItsSecret() {
    try (SimulatedFleet fleet = devices("nocert-", 1, false)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/devices/nocert-0000").body().get("presence").asText().equals("ONLINE"));
    }
  }

  @Test
  void aClientCertificateIdentifiesOnlyTheDeviceItNamesAndOnlyARegisteredOne() throws Exception {
    MqttClientSslConfig certificate = TlsClients.presenting(certs.resolve("ca.pem"), certs.resolve("devices/cn-0000.p12"));
    // a certificate of a device that is not registered opens nothing
    assertThatThrownBy(() -> TlsClients.connect("cn-0000", tlsMqttPort, certificate))
        .isInstanceOf(com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException.class).hasMessageContaining("BAD_USER_NAME_OR_PASSWORD");
    register(SimulatedFleet.builder().idPrefix("cn-").count(1).attributes(i -> Map.of("batch", "cn")));
    TlsClients.connect("cn-0000", tlsMqttPort, certificate).disconnect();
    // the certificate names cn-0000: under another client id it is not that device's
    register(SimulatedFleet.builder().idPrefix("cn-").startIndex(1).count(1).attributes(i -> Map.of("batch", "cn")));
    assertThatThrownBy(() -> TlsClients.connect("cn-0001", tlsMqttPort, certificate))
        .isInstanceOf(com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException.class).hasMessageContaining("BAD_USER_NAME_OR_PASSWORD");
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
    // anyone sees UP or DOWN; which part and why (the broker's address among it) only a signed-in user
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(health.body()).path("details").isObject()).isFalse();
    JsonNode mqtt = api.get("/health").body().get("details").get("mqtt");
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
        "fleet.mqtt.password", SERVICE_PASSWORD,
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
