package io.fleetjobs.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.ComponentTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behind a trusted reverse proxy the audit log records the client that proxy names in X-Forwarded-For. */
@MicronautTest(transactional = false)
class AuditBehindAProxyTest extends ComponentTest {

  @Inject
  @Client("/")
  HttpClient client;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(super.getProperties());
    properties.put("fleet.audit.trusted-proxies", "127.0.0.1,10.0.0.0/8");
    return properties;
  }

  @Test
  void theClientIsTheRightmostAddressThatIsNotATrustedProxyAndWhatItClaimsBeforeIsIgnored() {
    Api admin = Api.asAdmin(client.toBlocking());
    new Api(client.toBlocking()).call(HttpRequest.POST("/api/jobs/proxied/run", "").contentType("application/json")
        .header("X-Forwarded-For", "6.6.6.6, 198.51.100.20, 10.1.2.3"));
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/api/audit?action=/run").body().get("totalItems").asLong() == 1);
    assertThat(admin.get("/api/audit?action=/run").body().get("items").get(0).get("remoteAddress").asText()).isEqualTo("198.51.100.20");
  }
}
