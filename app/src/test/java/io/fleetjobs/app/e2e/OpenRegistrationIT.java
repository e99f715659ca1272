package io.fleetjobs.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.app.support.TestBroker;
import io.fleetjobs.sim.SimulatedFleet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code fleet.security.devices.open-registration=true}, a lab's setting: devices without credentials connect to the
 * embedded broker, still confined to their own topics, and register from their birth (a gateway's children from its
 * announcement). A device that has a credential still needs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenRegistrationIT {

  private AppUnderTest app;
  private Api api;
  private int port;

  @BeforeAll
  void start() {
    port = TestBroker.freePort();
    app = AppUnderTest.withEmbeddedBroker(port, Map.of("fleet.security.devices.open-registration", "true"));
    api = app.api();
    api.post("/api/templates", Fixtures.fridgeTemplate("vending-fridge"));
    api.post("/api/templates", Fixtures.fridgeTemplate("sim-gateway"));
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @Test
  void devicesAndAGatewaysChildrenWithoutCredentialsRegisterFromTheirBirth() {
    // the gateway registers from its birth first: its children's births travel on another subscription and could
    // otherwise overtake it (and be refused, as children of a gateway the service does not know yet)
    try (SimulatedFleet gateway = SimulatedFleet.builder().brokerPort(port).idPrefix("open-").count(0).gateways(1).children(0).build()) {
      gateway.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/devices/open-gw-0000").status() == 200);
    }
    try (SimulatedFleet fleet = SimulatedFleet.builder().brokerPort(port).idPrefix("open-").count(3).gateways(1).children(2).build()) {
      fleet.start();
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        assertThat(api.get("/api/devices/open-gw-0000-c-0001").status()).as(api.get("/api/devices?size=20").toString()).isEqualTo(200);
        assertThat(api.get("/api/devices/open-0002").status()).isEqualTo(200);
      });
      assertThat(api.get("/api/devices/open-gw-0000-c-0001").body().get("gatewayId").asText()).isEqualTo("open-gw-0000");
      await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/devices/open-0002").body().get("presence").asText().equals("ONLINE"));
    }
  }

  @Test
  void aDeviceThatHasACredentialStillNeedsIt() {
    api.post("/api/devices", Fixtures.device("open-owned", "vending-fridge", "x"));
    assertThatThrownBy(() -> Mqtt5Client.builder().identifier("open-owned").serverHost("127.0.0.1").serverPort(port).buildBlocking().connect())
        .isInstanceOf(Mqtt5ConnAckException.class).hasMessageContaining("NOT_AUTHORIZED");
  }

  @Test
  void aDeletedDeviceThatComesOnlineAgainIsRegisteredAgainFromItsBirth() {
    try (SimulatedFleet fleet = SimulatedFleet.builder().brokerPort(port).idPrefix("open-back-").count(1).build()) {
      fleet.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/devices/open-back-0000").status() == 200);
    }
    assertThat(api.delete("/api/devices/open-back-0000").status()).isEqualTo(204);
    assertThat(api.get("/api/devices/open-back-0000").body().get("deleted").asBoolean()).isTrue();

    // deliberate (CONTRACT.md §5): under open registration a birth is a registration, a deleted device's included
    try (SimulatedFleet fleet = SimulatedFleet.builder().brokerPort(port).idPrefix("open-back-").count(1).build()) {
      fleet.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> !api.get("/api/devices/open-back-0000").body().get("deleted").asBoolean());
      await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/devices/open-back-0000").body().get("presence").asText().equals("ONLINE"));
    }
  }
}
