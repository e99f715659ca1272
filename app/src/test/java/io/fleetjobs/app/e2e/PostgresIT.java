package io.fleetjobs.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.app.support.MissingTool;
import io.fleetjobs.app.support.TestBroker;
import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.SimulatedFleet;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service on PostgreSQL instead of H2. Runs where {@code FLEET_TEST_POSTGRES_URL} names a server
 * ({@code jdbc:postgresql://127.0.0.1:PORT/}, user {@code fleet}); {@code .ci/run} starts one. Without it the class
 * is skipped, except on CI ({@code CI=true}), where it fails.
 */
class PostgresIT {

  @BeforeAll
  static void needsAServer() {
    String url = System.getenv("FLEET_TEST_POSTGRES_URL");
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      MissingTool.skipOrFail("FLEET_TEST_POSTGRES_URL does not name a PostgreSQL server (jdbc:postgresql://127.0.0.1:PORT/; .ci/run starts one)");
    }
  }

  private static String freshDatabase() throws SQLException {
    String server = System.getenv("FLEET_TEST_POSTGRES_URL");
    String name = "fleet_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(server + "postgres", "fleet", "")) {
      c.createStatement().execute("CREATE DATABASE " + name);
    }
    return server + name;
  }

  @Test
  void aJobRunsStopsCopiesAndSurvivesARestartOnPostgres() throws SQLException {
    Map<String, String> postgres = Map.of(
        "datasources.default.url", freshDatabase(),
        "datasources.default.username", "fleet",
        "datasources.default.password", "",
        "datasources.default.driver-class-name", "org.postgresql.Driver",
        "datasources.default.dialect", "POSTGRES");
    try (AppUnderTest app = new AppUnderTest(postgres);
         SimulatedFleet fleet = withTemplate(app).provision(SimulatedFleet.builder().brokerPort(TestBroker.port()).template("fridge").idPrefix("pg-").count(100)
             .attributes(i -> Map.of("region", "pg")).behaviour(Behaviour.builder().latency(Duration.ofMillis(1), Duration.ofMillis(20)).build()))
             .build()) {
      Api api = app.api();
      assertThat(api.post("/api/device-sets", Fixtures.filterSet("pg", "fridge", "pg")).status()).isEqualTo(201);
      fleet.start();
      await().atMost(Duration.ofSeconds(30)).until(() ->
          api.onlineIn("pg") == 100);

      String id = api.post("/api/jobs", Fixtures.fanSpeedJob("pg", 5, true)).body().get("id").asText();
      await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/jobs/" + id).body().get("status").asText().equals("COMPLETED"));
      assertThat(api.get("/api/jobs/" + id + "/devices?status=COMPLETED&size=1").body().get("totalItems").asLong()).isEqualTo(100);
      // the state history on PostgreSQL: created, run, finished by the engine with its counts
      assertThat(api.get("/api/jobs/" + id + "/history").body().findValuesAsText("reason"))
          .containsExactly("created", "run", "every device finished: 100 completed, 0 failed, 0 canceled");

      String pending = api.post("/api/jobs", Fixtures.fanSpeedJob("pg", 6, false)).body().get("id").asText();
      assertThat(api.post("/api/jobs/" + pending + "/stop").body().get("status").asText()).isEqualTo("STOPPED");
      assertThat(api.post("/api/jobs/" + pending + "/run").status()).isEqualTo(409);
      assertThat(api.post("/api/jobs/" + pending + "/copy").status()).isEqualTo(201);

      // the audit log on PostgreSQL: written in batches, filtered (contains, status range, time), purged
      String since = java.time.Instant.now().minusSeconds(600).toString();
      await().atMost(Duration.ofSeconds(10)).until(() ->
          api.get("/api/audit?actor=admin&action=/run&outcome=refused&from=" + since).body().get("totalItems").asLong() == 1);
      assertThat(api.get("/api/audit?action=/copy&outcome=success").body().get("items").get(0).get("status").asInt()).isEqualTo(201);
      assertThat(app.bean(io.fleetjobs.app.audit.AuditRetention.class).purge()).isZero();

      app.restart();
      Api again = app.api();
      assertThat(again.get("/api/jobs?status=COMPLETED").body().get("totalItems").asLong()).isEqualTo(1);
      assertThat(again.get("/api/jobs").body().get("totalItems").asLong()).isEqualTo(3);

      // users, API tokens and device credentials on PostgreSQL: created, used, revoked
      Api viewer = again.newUser("pg-viewer", "viewer");
      Api script = viewer.withToken(viewer.post("/api/tokens", "{\"name\": \"pg\"}").body().get("token").asText());
      assertThat(script.get("/api/jobs").status()).isEqualTo(200);
      String tokenId = viewer.get("/api/tokens").body().get(0).get("id").asText();
      assertThat(viewer.delete("/api/tokens/" + tokenId).status()).isEqualTo(200);
      assertThat(script.get("/api/jobs").status()).isEqualTo(401);
      assertThat(again.delete("/api/devices/pg-0000/credential").body().get("state").asText()).isEqualTo("REVOKED");
      assertThat(again.post("/api/devices/pg-0000/credential").body().get("secret").asText()).hasSize(32);
    }
  }

  @Test
  void enrolmentCountsATokensUsesAtomicallyOnPostgres() throws Exception {
    Map<String, String> postgres = Map.of(
        "datasources.default.url", freshDatabase(),
        "datasources.default.username", "fleet",
        "datasources.default.password", "",
        "datasources.default.driver-class-name", "org.postgresql.Driver",
        "datasources.default.dialect", "POSTGRES");
    try (AppUnderTest app = new AppUnderTest(postgres)) {
      Api api = withTemplate(app).api();
      Api.Answer token = api.post("/api/templates/fridge/enrolment-tokens", "{\"name\": \"pg batch\", \"maxUses\": 2}");
      assertThat(token.status()).isEqualTo(201);
      String tokenId = token.body().get("id").asText();
      // the exchange itself, as the broker adapter calls it: eight devices race for the token's two uses
      io.fleetjobs.app.identity.Enrolments enrolments = app.bean(io.fleetjobs.app.identity.Enrolments.class);
      java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      java.util.List<java.util.concurrent.Future<Boolean>> outcomes = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          String id = "pg-enrol-" + i;
          outcomes.add(threads.submit(() -> {
            go.await();
            try {
              enrolments.enrol(id, tokenId, io.fleetjobs.contract.message.EnrolmentRequest.of(null, Map.of("region", "pg")));
              return true;
            } catch (io.fleetjobs.contract.ContractViolation refused) {
              return false;
            }
          }));
        }
        go.countDown();
        long enrolled = 0;
        for (var outcome : outcomes) {
          enrolled += outcome.get(30, java.util.concurrent.TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(enrolled).isEqualTo(2);
      } finally {
        threads.shutdownNow();
      }
      assertThat(api.get("/api/devices?template=fridge&size=100").body().get("totalItems").asLong()).isEqualTo(2);
      com.fasterxml.jackson.databind.JsonNode listed = api.get("/api/templates/fridge/enrolment-tokens").body().get(0);
      assertThat(listed.get("uses").asInt()).isEqualTo(2);
      assertThat(listed.get("state").asText()).isEqualTo("USED_UP");
      assertThat(api.delete("/api/templates/fridge/enrolment-tokens/" + tokenId).body().get("state").asText()).isEqualTo("REVOKED");
    }
  }

  @Test
  void aDeletedJobIsGoneAtOnceAndItsExecutionsArePurgedInBatchesAndAQueueACrashLeftResumesOnPostgres() throws SQLException {
    String url = freshDatabase();
    Map<String, String> postgres = Map.of(
        "datasources.default.url", url,
        "datasources.default.username", "fleet",
        "datasources.default.password", "",
        "datasources.default.driver-class-name", "org.postgresql.Driver",
        "datasources.default.dialect", "POSTGRES",
        "fleet.purge.batch-size", "7");
    try (AppUnderTest app = new AppUnderTest(postgres)) {
      Api api = withTemplate(app).api();
      for (int i = 0; i < 20; i++) {
        api.post("/api/devices", Fixtures.device("pg-purge-%02d".formatted(i), "fridge", "pg-purge"));
      }
      assertThat(api.post("/api/device-sets", Fixtures.filterSet("pg-purge", "fridge", "pg-purge")).status()).isEqualTo(201);
      String id = api.post("/api/jobs", Fixtures.fanSpeedJob("pg-purge", 1, true)).body().get("id").asText();
      await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/jobs/" + id).body().get("counts").get("total").asInt() == 20);
      api.post("/api/jobs/" + id + "/stop");

      assertThat(api.delete("/api/jobs/" + id).status()).isEqualTo(204);
      assertThat(api.get("/api/jobs/" + id).status()).isEqualTo(404);
      assertThat(api.get("/api/jobs/" + id + "/devices").status()).isEqualTo(404);
      await().atMost(Duration.ofSeconds(10)).until(() -> count(url, "SELECT COUNT(*) FROM execution") == 0 && count(url, "SELECT COUNT(*) FROM job_purge") == 0);

      // what a kill -9 in the middle of a purge leaves: a queued job with executions left; the next start resumes it
      app.restart(() -> {
        try (Connection c = DriverManager.getConnection(url, "fleet", "")) {
          c.createStatement().execute("INSERT INTO execution (id, job_id, device_id, status, device_version, updated_at, version)"
              + " SELECT gen_random_uuid(), 'pg-left', 'dev-' || lpad(g::text, 3, '0'), 'CANCELED', 0, now(), 1 FROM generate_series(1, 30) g");
          c.createStatement().execute("INSERT INTO job_purge (job_id, queued_at, remaining) VALUES ('pg-left', now(), 30)");
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      await().atMost(Duration.ofSeconds(20)).until(() -> count(url, "SELECT COUNT(*) FROM execution") == 0 && count(url, "SELECT COUNT(*) FROM job_purge") == 0);
      assertThat(app.bean(io.micrometer.core.instrument.MeterRegistry.class).get("fleet.purge.backlog.executions").gauge().value()).isZero();
    }
  }

  private static long count(String url, String query) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "fleet", ""); var rs = c.createStatement().executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The devices' template exists before they are registered. */
  private static AppUnderTest withTemplate(AppUnderTest app) {
    assertThat(app.api().post("/api/templates", Fixtures.fridgeTemplate("fridge")).status()).isEqualTo(201);
    return app;
  }
}
