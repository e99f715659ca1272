package io.fleetjobs.app.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.DtlsDevice;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.contract.CoapPaths;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code fleet.coap.plain=true} with open registration, a lab's setting: plain CoAP serves devices that have no
 * credential (they register from their presence), refuses every device that has one (4.01: it must use DTLS), and a
 * flood of made-up device ids keeps the server's state bounded ({@code fleet.coap.limits.max-devices}, 20 here).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlainCoapIT {

  private static final String BIRTH = "{\"contractVersion\": 1, \"state\": \"ONLINE\", \"template\": \"fridge\"}";

  private AppUnderTest app;
  private Api api;

  @BeforeAll
  void start() {
    app = new AppUnderTest(Map.of(
        "fleet.coap.plain", "true",
        "fleet.security.devices.open-registration", "true",
        "fleet.coap.limits.max-devices", "20"));
    api = app.api();
    api.post("/api/templates", Fixtures.fridgeTemplate("fridge"));
  }

  @AfterAll
  void stop() {
    app.close();
  }

  private CoapResponse plain(String method, String path, String json) {
    CoapClient client = new CoapClient("coap://127.0.0.1:" + app.plainCoapPort() + "/" + path).setTimeout(5_000L);
    try {
      return "GET".equals(method) ? client.get() : client.post(json.getBytes(StandardCharsets.UTF_8), CoapPaths.JSON);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      client.shutdown();
    }
  }

  @Test
  void aDeviceWithoutACredentialIsServedOverPlainCoapAndRegistersFromItsPresence() {
    assertThat(plain("POST", CoapPaths.path("plain-new", CoapPaths.Resource.PRESENCE), BIRTH).getCode()).isEqualTo(ResponseCode.CREATED);
    assertThat(plain("GET", CoapPaths.path("plain-new", CoapPaths.Resource.PENDING), null).getCode()).isEqualTo(ResponseCode.CONTENT);
    assertThat(api.get("/api/devices/plain-new").body().get("transport").asText()).isEqualTo("COAP");
    assertThat(api.get("/api/devices/plain-new").body().get("presence").asText()).isEqualTo("ONLINE");
  }

  @Test
  void aDeviceThatHasACredentialIsRefused401OverPlainCoapAndServedOverDtls() {
    String secret = api.post("/api/devices", "{\"id\": \"plain-owned\", \"template\": \"fridge\", \"transport\": \"COAP\"}")
        .body().get("credential").get("secret").asText();
    CoapResponse refused = plain("POST", CoapPaths.path("plain-owned", CoapPaths.Resource.PRESENCE), BIRTH);
    assertThat(refused.getCode()).isEqualTo(ResponseCode.UNAUTHORIZED);
    assertThat(refused.getResponseText()).contains("coaps://");
    assertThat(api.get("/api/devices/plain-owned").body().get("presence").asText()).isNotEqualTo("ONLINE");

    try (DtlsDevice device = new DtlsDevice("plain-owned", secret, app.coapPort(), 3_000)) {
      // 2.01: served, and told to observe its pending work, which it does not yet
      assertThat(device.post(CoapPaths.path("plain-owned", CoapPaths.Resource.PRESENCE), BIRTH).getCode()).isEqualTo(ResponseCode.CREATED);
    }
  }

  @Test
  void aFloodOfMadeUpDeviceIdsKeepsTheServersStateBounded() {
    DevicesResource devices = app.bean(DevicesResource.class);
    for (int i = 0; i < 100; i++) {
      CoapResponse answer = plain("GET", CoapPaths.path("spoofed-" + i, CoapPaths.Resource.PENDING), null);
      assertThat(answer).as("spoofed-" + i).isNotNull();
      assertThat(answer.getCode()).isIn(ResponseCode.CONTENT, ResponseCode.SERVICE_UNAVAILABLE);
      assertThat(devices.kept()).isLessThanOrEqualTo(20);
    }
    // once the flood is over the state of its quiet ids is dropped, and a new device is served again
    await().atMost(Duration.ofSeconds(10)).until(() ->
        plain("GET", CoapPaths.path("after-the-flood", CoapPaths.Resource.PENDING), null).getCode() == ResponseCode.CONTENT);
  }
}
