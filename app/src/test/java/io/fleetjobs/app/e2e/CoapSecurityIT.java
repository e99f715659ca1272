package io.fleetjobs.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.DtlsDevice;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.app.support.TestBroker;
import io.fleetjobs.contract.CoapPaths;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * CoAP devices get in only over DTLS, each with its own credential as pre-shared key (PSK identity = device id), and
 * only to their own resources; plain CoAP is off. Against the real service, database and Scandium, with small limits
 * (5 requests a second, bursts of 10, 512-byte bodies) so that crossing them takes few requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoapSecurityIT {

  private static final String PRESENCE = "{\"contractVersion\": 1, \"state\": \"ONLINE\", \"template\": \"fridge\"}";

  private AppUnderTest app;
  private Api api;
  private int plainPort;

  @BeforeAll
  void start() {
    plainPort = TestBroker.freePort();
    app = new AppUnderTest(Map.of(
        "fleet.coap.port", String.valueOf(plainPort),
        "fleet.coap.max-resource-body-size", "512",
        "fleet.coap.limits.requests-per-second", "5",
        "fleet.coap.limits.burst", "10"));
    api = app.api();
    api.post("/api/templates", Fixtures.fridgeTemplate("fridge"));
  }

  @AfterAll
  void stop() {
    app.close();
  }

  private String register(String id) {
    Api.Answer answer = api.post("/api/devices", "{\"id\": \"" + id + "\", \"template\": \"fridge\", \"transport\": \"COAP\"}");
    assertThat(answer.status()).isEqualTo(201);
    return answer.body().get("credential").get("secret").asText();
  }

  private DtlsDevice device(String id, String key) {
    return new DtlsDevice(id, key, app.coapPort(), 3_000);
  }

  private double refused(String reason) {
    var counter = app.bean(MeterRegistry.class).find("fleet.coap.refused").tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  private static String pending(String id) {
    return CoapPaths.path(id, CoapPaths.Resource.PENDING);
  }

  @Test
  void aDeviceWithItsOwnKeyIsServedOverDtlsWithEitherCipherSuite() {
    String secret = register("dtls-ok");
    for (CipherSuite suite : List.of(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8, CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256)) {
      try (DtlsDevice device = new DtlsDevice("dtls-ok", secret, app.coapPort(), 3_000, List.of(suite))) {
        assertThat(device.post(CoapPaths.path("dtls-ok", CoapPaths.Resource.PRESENCE), PRESENCE).getCode()).as(suite.name())
            .isEqualTo(ResponseCode.CREATED); // served; it observes nothing yet, so it is told to
        assertThat(device.get(pending("dtls-ok")).getCode()).isEqualTo(ResponseCode.CONTENT);
      }
    }
    assertThat(api.get("/api/devices/dtls-ok").body().get("presence").asText()).isEqualTo("ONLINE");
    // a suite the service does not offer gets no handshake
    try (DtlsDevice notOffered = new DtlsDevice("dtls-ok", secret, app.coapPort(), 3_000, List.of(CipherSuite.TLS_PSK_WITH_AES_128_CCM))) {
      assertThat(notOffered.get(pending("dtls-ok"))).isNull();
    }
  }

  @Test
  void aWrongKeyAnUnknownIdentityAndAGatewaysChildFailTheHandshake() {
    String secret = register("dtls-wrong");
    // a gateway is a device on its own MQTT connection; its child has no credential and speaks only through it
    String gatewaySecret = api.post("/api/devices", "{\"id\": \"dtls-gw\", \"template\": \"fridge\"}").body().get("credential").get("secret").asText();
    assertThat(api.post("/api/devices", "{\"id\": \"dtls-gw-kid\", \"template\": \"fridge\", \"gatewayId\": \"dtls-gw\"}").status()).isEqualTo(201);
    double failedBefore = refused("handshake");

    try (DtlsDevice wrongKey = device("dtls-wrong", "x".repeat(32));
        DtlsDevice unknown = device("dtls-nobody", secret);
        DtlsDevice child = device("dtls-gw-kid", gatewaySecret);
        DtlsDevice notAnId = device("not an id!", secret)) {
      assertThat(wrongKey.get(pending("dtls-wrong"))).isNull();
      assertThat(unknown.get(pending("dtls-nobody"))).isNull();
      assertThat(child.get(pending("dtls-gw-kid"))).isNull();
      assertThat(notAnId.get(pending("dtls-wrong"))).isNull();
    }
    // refused identities fail at once (alert unknown_psk_identity); a wrong key's Finished does not decrypt, is dropped
    // as DTLS requires, and that handshake is counted when it times out
    await().atMost(Duration.ofSeconds(10)).until(() -> refused("handshake") >= failedBefore + 3);
    try (DtlsDevice right = device("dtls-wrong", secret)) {
      assertThat(right.get(pending("dtls-wrong")).getCode()).isEqualTo(ResponseCode.CONTENT);
    }
  }

  @Test
  void aRevokedCredentialEndsTheDtlsSessionAndNoLongerHandshakesUntilANewOneIsIssued() {
    String secret = register("dtls-revoked");
    try (DtlsDevice device = device("dtls-revoked", secret)) {
      assertThat(device.get(pending("dtls-revoked")).getCode()).isEqualTo(ResponseCode.CONTENT);
      assertThat(api.delete("/api/devices/dtls-revoked/credential").body().get("state").asText()).isEqualTo("REVOKED");

      // the service forgot the session: requests on it go unanswered, and a new handshake with the key fails
      await().atMost(Duration.ofSeconds(15)).until(() -> device.get(pending("dtls-revoked")) == null);
      device.forgetSession();
      assertThat(device.get(pending("dtls-revoked"))).isNull();
    }
    String fresh = api.post("/api/devices/dtls-revoked/credential").body().get("secret").asText();
    try (DtlsDevice renewed = device("dtls-revoked", fresh); DtlsDevice old = device("dtls-revoked", secret)) {
      assertThat(renewed.get(pending("dtls-revoked")).getCode()).isEqualTo(ResponseCode.CONTENT);
      assertThat(old.get(pending("dtls-revoked"))).isNull();

      // rotating the credential ends the session made with the one before
      api.post("/api/devices/dtls-revoked/credential");
      await().atMost(Duration.ofSeconds(15)).until(() -> renewed.get(pending("dtls-revoked")) == null);
    }
  }

  @Test
  void aDeviceMayOnlyReachItsOwnResources403() {
    String secret = register("dtls-a");
    register("dtls-b");
    double before = refused("identity");
    try (DtlsDevice a = device("dtls-a", secret)) {
      CoapResponse other = a.get(pending("dtls-b"));
      assertThat(other.getCode()).isEqualTo(ResponseCode.FORBIDDEN);
      assertThat(a.post(CoapPaths.path("dtls-b", CoapPaths.Resource.PRESENCE), PRESENCE).getCode()).isEqualTo(ResponseCode.FORBIDDEN);
      assertThat(a.get(pending("dtls-a")).getCode()).isEqualTo(ResponseCode.CONTENT);
    }
    assertThat(api.get("/api/devices/dtls-b").body().get("presence").asText()).isNotEqualTo("ONLINE");
    assertThat(refused("identity")).isEqualTo(before + 2);
  }

  @Test
  void plainCoapIsOffByDefaultSoNothingAnswersOnItsPort() throws Exception {
    assertThat(app.coapEndpoint("coap")).isEmpty();
    CoapClient plain = new CoapClient("coap://127.0.0.1:" + plainPort + "/" + pending("dtls-a")).setTimeout(2_000L);
    try {
      assertThat(plain.get()).isNull();
    } finally {
      plain.shutdown();
    }
  }

  @Test
  void aRequestBodyOverTheLimitWithoutBlockWiseTransferIsAnswered413WithTheLimit() {
    String secret = register("dtls-big");
    String properties = "{\"contractVersion\": 1, \"version\": 1, \"properties\": {\"label\": \"" + "x".repeat(700) + "\"}}";
    double before = refused("size");
    try (DtlsDevice device = device("dtls-big", secret)) {
      CoapResponse tooBig = device.post(CoapPaths.path("dtls-big", CoapPaths.Resource.PROPERTIES), properties);
      assertThat(tooBig.getCode()).isEqualTo(ResponseCode.REQUEST_ENTITY_TOO_LARGE);
      assertThat(tooBig.getOptions().getSize1()).isEqualTo(512);
      assertThat(device.post(CoapPaths.path("dtls-big", CoapPaths.Resource.PRESENCE), PRESENCE).getCode()).isEqualTo(ResponseCode.CREATED);
    }
    assertThat(refused("size")).isEqualTo(before + 1);
    // block-wise, Californium's block-wise layer refuses the transfer the same way once it grows past the limit
    try (DtlsDevice blockwise = new DtlsDevice("dtls-big", secret, app.coapPort(), 3_000, List.of(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8), 64)) {
      CoapResponse tooBig = blockwise.post(CoapPaths.path("dtls-big", CoapPaths.Resource.PROPERTIES), properties);
      assertThat(tooBig.getCode()).isEqualTo(ResponseCode.REQUEST_ENTITY_TOO_LARGE);
      assertThat(tooBig.getOptions().getSize1()).isEqualTo(512);
    }
  }

  /** Issue 10, fault 6: however large a request sent whole (one datagram, no Block1), it is answered 4.13 with the limit. */
  @Test
  void aRequestFarOverTheLimitSentWholeInOneDatagramIsAnswered413WithTheLimit() {
    String secret = register("dtls-huge");
    try (DtlsDevice whole = new DtlsDevice("dtls-huge", secret, app.coapPort(), 3_000, List.of(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8), 16_384)) {
      for (int size : List.of(1_500, 4_000, 12_000)) {
        String properties = "{\"contractVersion\": 1, \"version\": 1, \"properties\": {\"label\": \"" + "x".repeat(size) + "\"}}";
        CoapResponse tooBig = whole.post(CoapPaths.path("dtls-huge", CoapPaths.Resource.PROPERTIES), properties);
        assertThat(tooBig).as(size + " bytes answered").isNotNull();
        assertThat(tooBig.getCode()).as(size + " bytes").isEqualTo(ResponseCode.REQUEST_ENTITY_TOO_LARGE);
        assertThat(tooBig.getOptions().getSize1()).isEqualTo(512);
      }
      assertThat(whole.post(CoapPaths.path("dtls-huge", CoapPaths.Resource.PRESENCE), PRESENCE).getCode()).isEqualTo(ResponseCode.CREATED);
    }
  }

  @Test
  void aDeviceFasterThanItsRateIsAnswered429WithAMaxAgeCountedEachTimeAndLoggedOnce() {
    String secret = register("dtls-flood");
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger refusals = (Logger) LoggerFactory.getLogger("io.fleetjobs.app.coap.CoapRefusals");
    refusals.addAppender(log);
    double before = refused("rate");
    try (DtlsDevice device = device("dtls-flood", secret)) {
      List<CoapResponse> answers = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        answers.add(device.get(pending("dtls-flood")));
      }
      List<CoapResponse> throttled = answers.stream().filter(r -> r.getCode() == ResponseCode.TOO_MANY_REQUESTS).toList();
      assertThat(answers).filteredOn(r -> r.getCode() == ResponseCode.CONTENT).hasSizeGreaterThanOrEqualTo(10);
      assertThat(throttled).isNotEmpty().allSatisfy(r -> assertThat(r.getOptions().getMaxAge()).isBetween(1L, 2L));
      assertThat(refused("rate")).isEqualTo(before + throttled.size());
      assertThat(log.list).filteredOn(e -> e.getFormattedMessage().contains("dtls-flood")).hasSize(1);
      // once the rate allows again, it is served
      await().atMost(Duration.ofSeconds(5)).until(() -> device.get(pending("dtls-flood")).getCode() == ResponseCode.CONTENT);
    } finally {
      refusals.detachAppender(log);
    }
  }
}
