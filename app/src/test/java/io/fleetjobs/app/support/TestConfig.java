package io.fleetjobs.app.support;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Properties of an application context under test: the shared test broker, an in-memory H2 of its own. */
public final class TestConfig {

  private TestConfig() {}

  public static Map<String, String> properties(String databaseName) {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> p = new HashMap<>();
    p.put("fleet.mqtt.embedded", "false");
    p.put("fleet.mqtt.url", "tcp://127.0.0.1:" + TestBroker.port());
    p.put("fleet.mqtt.client-id", "fleet-service-" + unique);
    p.put("fleet.mqtt.shared-group", "fleet-" + unique);
    p.put("datasources.default.url", "jdbc:h2:mem:" + databaseName + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    p.put("micronaut.server.port", "-1");
    p.put("fleet.coap.port", "0");
    p.put("fleet.coap.dtls.port", "0");
    p.put("fleet.jobs.sweep-interval", "200ms");
    p.put("fleet.jobs.dispatch-interval", "20ms");
    p.put("fleet.security.data-dir", "target/security-" + unique);
    p.put("fleet.security.initial-admin-password", Api.ADMIN_PASSWORD);
    p.put("fleet.security.password-hash-cost", "4"); // bcrypt's cheapest: sign-ins are not what these tests measure
    return p;
  }

  public static Map<String, String> properties() {
    return properties("test-" + UUID.randomUUID());
  }
}
