package io.fleetjobs.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.fleetjobs.app.common.Sql;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.ComponentTest;
import io.fleetjobs.app.support.Fixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database settings and what the API says when the database cannot serve it, on H2 with a pool of two
 * connections: {@link DatabaseFaultsIT} does the same and more against a PostgreSQL it restarts.
 */
@MicronautTest(transactional = false)
class DatabaseFaultsTest extends ComponentTest {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  DataSource dataSource;

  @Inject
  Sql sql;

  Api admin;
  Api anonymous;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> p = new HashMap<>(super.getProperties());
    p.put("datasources.default.maximum-pool-size", "2");
    p.put("datasources.default.connection-timeout", "250");
    p.put("datasources.default.validation-timeout", "250");
    p.put("fleet.database.statement-timeout", "PT7S");
    return p;
  }

  @BeforeAll
  void signIn() {
    admin = Api.asAdmin(client.toBlocking());
    anonymous = new Api(client.toBlocking());
    assertThat(admin.post("/api/templates", Fixtures.fridgeTemplate("fridge")).status()).isEqualTo(201);
  }

  @Test
  void everyPooledConnectionHasTheStatementTimeout() {
    assertThat(sql.count("SELECT CAST(SETTING_VALUE AS BIGINT) FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_TIMEOUT'", ps -> {}))
        .isEqualTo(7000);
  }

  @Test
  void aRequestThatGetsNoConnectionIsAnswered503AsProblemJsonAndChangesNothing() throws SQLException {
    List<Connection> held = takeEveryConnection();
    try {
      HttpClientResponseException refused = null;
      try {
        client.toBlocking().exchange(HttpRequest.GET("/api/jobs").bearerAuth(admin.token()), String.class);
      } catch (HttpClientResponseException e) {
        refused = e;
      }
      assertThat(refused).as("GET /api/jobs without a free connection").isNotNull();
      assertThat(refused.getStatus().getCode()).isEqualTo(503);
      assertThat(refused.getResponse().getHeaders().get("Retry-After")).isEqualTo("5");
      Api.Answer answer = admin.post("/api/device-sets", Fixtures.filterSet("refused", "fridge", "north"));
      assertThat(answer.status()).isEqualTo(503);
      assertThat(answer.contentType()).startsWith("application/problem+json");
      assertThat(answer.body().get("detail").asText())
          .isEqualTo("the database is not available right now (restarting, or no free connection); try again shortly");
      assertThat(answer.body().get("instance").asText()).isEqualTo("/api/device-sets");
    } finally {
      for (Connection c : held) {
        c.close();
      }
    }
    assertThat(admin.get("/api/device-sets/refused").status()).isEqualTo(404);
    assertThat(admin.get("/api/jobs").status()).isEqualTo(200);
  }

  @Test
  void healthShowsWhichPartIsDownOnlyToSignedInUsers() {
    Api.Answer open = anonymous.get("/health");
    assertThat(open.status()).isEqualTo(200);
    assertThat(open.body().get("status").asText()).isEqualTo("UP");
    assertThat(open.body().path("details").isObject()).as(open.body().toString()).isFalse();
    assertThat(admin.get("/health").body().at("/details/jdbc/status").asText()).isEqualTo("UP");
  }

  @Test
  void retriedDatabaseWorkIsCountedPerWriterFromZero() {
    String metrics = admin.text("/prometheus").body();
    for (String writer : List.of("fleet-update-writer", "fleet-job-storer", "fleet-presence-writer", "fleet-property-writer",
        "fleet-pending-requests", "fleet-audit-writer", "fleet-dispatcher", "fleet-cancels", "fleet-timeout-sweeper", "fleet-job-purger")) {
      assertThat(metrics).contains("fleet_db_retries_total{writer=\"" + writer + "\"}");
    }
    assertThat(metrics).as("the pool's own metrics").contains("hikaricp_connections_active");
  }

  /** Every connection of the service's pool, each taken as it comes free (the engine's threads use them briefly). */
  private List<Connection> takeEveryConnection() throws SQLException {
    HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
    List<Connection> held = new ArrayList<>();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      try {
        held.add(pool.getConnection());
      } catch (SQLException busy) {
        // all in use for a moment
      }
      return held.size() == pool.getMaximumPoolSize();
    });
    return held;
  }
}
