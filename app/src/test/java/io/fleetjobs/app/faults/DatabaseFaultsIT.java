package io.fleetjobs.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.app.support.TestBroker;
import io.fleetjobs.app.support.TestPostgres;
import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.SimulatedFleet;
import io.micronaut.http.client.HttpClient;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The service survives database faults on a real PostgreSQL that the test controls: a restart mid-job, a pool with
 * every connection taken, statements timing out behind a lock. Devices are simulated, answering slowly, so answers
 * arrive while the database cannot take them; every job must end with exact counts (one final status per device, the
 * counts equal to the rows per status), no answer lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseFaultsIT {

  @RegisterExtension
  static final TestPostgres POSTGRES = new TestPostgres();

  /** Slow enough that answers to the first executions arrive while the fault lasts. */
  private static final Behaviour SLOW = Behaviour.builder().latency(Duration.ofMillis(1500), Duration.ofMillis(3000)).build();
  /** The same, final answers only: nothing but final answers waits in line while statements time out. */
  private static final Behaviour SLOW_FINAL_ONLY = SLOW.toBuilder().progressUpdates(false).propertyReports(false).build();
  private static final String UPDATES = "fleet-update-writer";
  /** Executions stored per batch: the run call stores the first batch, the background storer the rest. */
  private static final int BATCH = 20;

  @AfterEach
  void serverRunsForTheNextTest() {
    POSTGRES.ensureRunning();
  }

  @Test
  void aPostgresRestartMidJobLosesNoAnswerAndTheJobCompletesWithExactCounts() throws Exception {
    String db = POSTGRES.createDatabase();
    int port = TestBroker.freePort();
    try (AppUnderTest app = AppUnderTest.withEmbeddedBroker(port, settings(db, Map.of()));
         SimulatedFleet fleet = fleet(app, port, "pgr", 60, SLOW);
         HttpClient http = HttpClient.create(URI.create("http://127.0.0.1:" + app.port()).toURL())) {
      Api api = app.api();
      Api anonymous = new Api(http.toBlocking());
      Answers answers = new Answers(fleet);
      StoringGate gate = StoringGate.closeFrom(POSTGRES, db, "pgr-" + String.format("%04d", BATCH));
      String job = runJob(api, "pgr");
      gate.awaitStorerWaiting();

      Instant down = Instant.now();
      POSTGRES.stopImmediately();
      gate.forget(); // its session died with the server
      await("health DOWN while PostgreSQL is stopped").atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
        Api.Answer health = anonymous.get("/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body().get("status").asText()).isEqualTo("DOWN");
      });
      // anonymous probes learn UP or DOWN only; a signed-in user sees which part is down
      assertThat(anonymous.get("/health").body().path("details").isObject()).isFalse();
      assertThat(api.get("/health").body().at("/details/jdbc/status").asText()).isEqualTo("DOWN");
      await("the first batch's answers waiting for PostgreSQL, retried").atMost(Duration.ofSeconds(30))
          .until(() -> answers.total() >= BATCH && retries(api, UPDATES) >= 3);
      POSTGRES.start();
      Instant up = Instant.now();

      await("health UP once PostgreSQL is back").atMost(Duration.ofSeconds(20)).until(() -> anonymous.get("/health").status() == 200);
      assertThat(api.get("/health").body().at("/details/jdbc/status").asText()).isEqualTo("UP");
      awaitFinished(api, job, Duration.ofSeconds(60));
      assertExactlyCompleted(api, db, job, 60);
      long whileDown = answers.between(down, up);
      assertThat(whileDown).as("answers published while PostgreSQL was down").isPositive();
      double retries = retries(api);
      assertThat(retries).as("fleet_db_retries_total").isPositive();
      System.out.printf("DatabaseFaultsIT restart: PostgreSQL down %d ms (stop -m immediate, then start); %d answers published"
          + " meanwhile, none lost; %.0f database writes retried (fleet_db_retries_total)%n",
          Duration.between(down, up).toMillis(), whileDown, retries);
    }
  }

  @Test
  void anExhaustedPoolAnswers503ProblemJsonWithinTheConnectionTimeoutAndTheEngineCatchesUp() throws Exception {
    String db = POSTGRES.createDatabase();
    int port = TestBroker.freePort();
    try (AppUnderTest app = AppUnderTest.withEmbeddedBroker(port, settings(db, Map.of("datasources.default.maximum-pool-size", "3")));
         SimulatedFleet fleet = fleet(app, port, "pool", 40, SLOW)) {
      Api api = app.api();
      Answers answers = new Answers(fleet);
      String job = runJob(api, "pool");
      HikariDataSource pool = app.bean(DataSource.class).unwrap(HikariDataSource.class);
      List<Connection> held = new ArrayList<>();
      Instant from = Instant.now();
      try {
        // the service's own threads hold connections only briefly: take each as it comes free
        await("every connection of the pool taken by the test").atMost(Duration.ofSeconds(20)).until(() -> {
          try {
            held.add(pool.getConnection());
          } catch (SQLException busy) {
            // all in use for a moment: try again
          }
          return held.size() == pool.getMaximumPoolSize();
        });
        long started = System.nanoTime();
        Api.Answer refused = api.get("/api/jobs/" + job);
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("detail").asText()).contains("database").doesNotContain("Exception").doesNotContain("Hikari");
        assertThat(waitedMillis).as("waited for a connection, in ms").isLessThan(5_000);
        Api.Answer notCreated = api.post("/api/device-sets", Fixtures.filterSet("pool-refused", "fridge", "nowhere"));
        assertThat(notCreated.status()).as(notCreated.toString()).isEqualTo(503);
        assertThat(api.get("/health").status()).isEqualTo(503);
        double before = retries(api, UPDATES);
        await("devices' answers waiting for a connection, retried").atMost(Duration.ofSeconds(20))
            .until(() -> answers.between(from, Instant.now()) >= 5 && retries(api, UPDATES) >= before + 2);
        System.out.printf("DatabaseFaultsIT pool: %d connections held by the test; GET /api/jobs/{id} answered 503 after %d ms;"
            + " %d answers published meanwhile%n", held.size(), waitedMillis, answers.between(from, Instant.now()));
      } finally {
        for (Connection c : held) {
          c.close();
        }
      }
      await("health UP once connections are free").atMost(Duration.ofSeconds(10)).until(() -> api.get("/health").status() == 200);
      assertThat(api.get("/api/device-sets/pool-refused").status()).as("the refused request changed nothing").isEqualTo(404);
      awaitFinished(api, job, Duration.ofSeconds(60));
      assertExactlyCompleted(api, db, job, 40);
      System.out.printf("DatabaseFaultsIT pool: job completed, %.0f database writes retried (fleet_db_retries_total)%n", retries(api));
    }
  }

  @Test
  void statementsTimingOutBehindALockLoseNoWorkAndTheEngineCatchesUpWhenTheLockGoes() throws Exception {
    String db = POSTGRES.createDatabase();
    int port = TestBroker.freePort();
    try (AppUnderTest app = AppUnderTest.withEmbeddedBroker(port, settings(db, Map.of("fleet.database.statement-timeout", "1s")));
         SimulatedFleet fleet = fleet(app, port, "lock", 60, SLOW_FINAL_ONLY)) {
      Api api = app.api();
      Answers answers = new Answers(fleet);

      // storing a job's executions: its statements wait on a lock the test holds, time out, and are retried
      StoringGate gate = StoringGate.closeFrom(POSTGRES, db, "lock-" + String.format("%04d", BATCH));
      String job = runJob(api, "lock");
      gate.awaitStorerWaiting();
      Instant gated = Instant.now();
      await("storing retried past a few statement timeouts").atMost(Duration.ofSeconds(20))
          .until(() -> retries(api, "fleet-job-storer") >= 3);
      assertThat(counts(api, job).get("total").asLong()).as("executions stored while the lock is held").isEqualTo(BATCH);
      gate.open();
      await("the rest of the executions stored once the lock is gone").atMost(Duration.ofSeconds(20))
          .until(() -> counts(api, job).get("total").asLong() == 60);

      // devices' answers: every statement on the execution table times out while the test locks it
      await("the rest of the executions sent").atMost(Duration.ofSeconds(20)).until(() -> fleet.stats().executionsReceived() >= 60);
      Instant locked;
      Instant unlocked;
      try (Connection lock = POSTGRES.connect(db)) {
        lock.setAutoCommit(false);
        lock.createStatement().execute("LOCK TABLE execution IN ACCESS EXCLUSIVE MODE");
        locked = Instant.now();
        long started = System.nanoTime();
        Api.Answer refused = api.get("/api/jobs/" + job + "/devices");
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("detail").asText()).contains("database");
        double before = retries(api, UPDATES);
        await("devices' answers timing out behind the lock, retried").atMost(Duration.ofSeconds(20))
            .until(() -> answers.between(locked, Instant.now()) >= 10 && retries(api, UPDATES) >= before + 3);
        lock.rollback();
        unlocked = Instant.now();
        System.out.printf("DatabaseFaultsIT statement timeout: storing held %d ms; table locked %d ms, GET /devices answered 503"
            + " after %d ms, %d answers published meanwhile%n", Duration.between(gated, locked).toMillis(),
            Duration.between(locked, unlocked).toMillis(), waitedMillis, answers.between(locked, unlocked));
      }
      awaitFinished(api, job, Duration.ofSeconds(60));
      assertExactlyCompleted(api, db, job, 60);
      double retries = retries(api);
      assertThat(retries).as("fleet_db_retries_total").isPositive();
      System.out.printf("DatabaseFaultsIT statement timeout: job completed, %.0f database writes retried (fleet_db_retries_total)%n", retries);
    }
  }

  // --- the set-up -------------------------------------------------------------------------------------------------

  /** The service on PostgreSQL database {@code db}, its faults surfacing fast: a connection within 1 s or none. */
  private static Map<String, String> settings(String db, Map<String, String> more) {
    Map<String, String> all = new HashMap<>(POSTGRES.datasource(db));
    all.put("datasources.default.connection-timeout", "1000");
    all.put("datasources.default.validation-timeout", "500");
    all.put("fleet.jobs.insert-batch-size", String.valueOf(BATCH));
    all.putAll(more);
    return all;
  }

  /** {@code count} slow devices with ids {@code <batch>-0000...}, online, and a device set of them named {@code batch}. */
  private static SimulatedFleet fleet(AppUnderTest app, int port, String batch, int count, Behaviour behaviour) {
    Api api = app.api();
    assertThat(api.post("/api/templates", Fixtures.fridgeTemplate("fridge")).status()).isEqualTo(201);
    SimulatedFleet fleet = app.provision(SimulatedFleet.builder().brokerPort(port).template("fridge").idPrefix(batch + "-").count(count)
        .attributes(i -> Map.of("region", batch)).behaviour(behaviour)).build();
    fleet.start();
    assertThat(api.post("/api/device-sets", Fixtures.filterSet(batch, "fridge", batch)).status()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(30)).until(() -> api.onlineIn(batch) == count);
    return fleet;
  }

  /** Runs a job over the set; long enough an execution timeout that only a lost answer could fail a device. */
  private static String runJob(Api api, String set) {
    Api.Answer created = api.post("/api/jobs", """
        {"name": "Fan speed 4", "deviceSetId": "%s", "run": true, "executionTimeoutSeconds": 40,
         "operations": [{"type": "SETTING", "name": "fanSpeed", "value": 4}]}
        """.formatted(set));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.body().get("id").asText();
  }

  private static JsonNode counts(Api api, String job) {
    return api.get("/api/jobs/" + job).body().get("counts");
  }

  private static void awaitFinished(Api api, String job, Duration within) {
    await("job " + job + " to finish").atMost(within).untilAsserted(() -> {
      JsonNode view = api.get("/api/jobs/" + job).body();
      assertThat(view.get("status").asText()).as(view::toString).isIn("COMPLETED", "FAILED");
    });
  }

  /**
   * The job completed on every one of its {@code devices}: one execution per device, each COMPLETED, and the job's
   * counts equal to the rows per status in the database.
   */
  private static void assertExactlyCompleted(Api api, String db, String job, int devices) throws SQLException {
    JsonNode view = api.get("/api/jobs/" + job).body();
    Map<String, Long> rows = new HashMap<>();
    long distinctDevices;
    try (Connection c = POSTGRES.connect(db)) {
      var byStatus = c.prepareStatement("SELECT status, COUNT(*) FROM execution WHERE job_id = ? GROUP BY status");
      byStatus.setString(1, job);
      try (ResultSet rs = byStatus.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getString(1), rs.getLong(2));
        }
      }
      var perDevice = c.prepareStatement("SELECT COUNT(DISTINCT device_id) FROM execution WHERE job_id = ?");
      perDevice.setString(1, job);
      try (ResultSet rs = perDevice.executeQuery()) {
        rs.next();
        distinctDevices = rs.getLong(1);
      }
    }
    JsonNode counts = view.get("counts");
    assertThat(view.get("status").asText()).as(view.toString()).isEqualTo("COMPLETED");
    assertThat(rows).as("executions per status").isEqualTo(Map.of("COMPLETED", (long) devices));
    assertThat(distinctDevices).as("devices with an execution").isEqualTo(devices);
    assertThat(counts.get("total").asLong()).isEqualTo(devices);
    assertThat(counts.get("completed").asLong()).isEqualTo(rows.get("COMPLETED"));
    assertThat(counts.get("pending").asLong() + counts.get("failed").asLong() + counts.get("canceled").asLong()).isZero();
  }

  /** The sum of {@code fleet_db_retries_total} over its writers, from {@code /prometheus}. */
  private static double retries(Api api) {
    return retriesWhere(api, "fleet_db_retries_total{");
  }

  /** {@code fleet_db_retries_total} of one writer (the metrics need no database: they are read while it is down). */
  private static double retries(Api api, String writer) {
    return retriesWhere(api, "fleet_db_retries_total{writer=\"" + writer + "\"}");
  }

  private static double retriesWhere(Api api, String prefix) {
    return api.text("/prometheus").body().lines()
        .filter(line -> line.startsWith(prefix))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** When each device published its first final answer. */
  private static final class Answers {
    private final List<Instant> at = new CopyOnWriteArrayList<>();

    Answers(SimulatedFleet fleet) {
      fleet.onAnswer((device, execution, publishedAt) -> at.add(publishedAt));
    }

    long total() {
      return at.size();
    }

    long between(Instant from, Instant to) {
      return at.stream().filter(t -> !t.isBefore(from) && !t.isAfter(to)).count();
    }
  }

  /**
   * Makes storing a job's executions wait, as a slow statement would: a trigger on {@code execution} takes a shared
   * advisory lock for every device from {@code firstGated} on, while the test holds that lock exclusively. The run
   * call stores the devices before it (one batch), the background storer stops at it.
   */
  private static final class StoringGate {
    private static final long KEY = 4242;
    private Connection holder;

    private StoringGate(Connection holder) {
      this.holder = holder;
    }

    static StoringGate closeFrom(TestPostgres postgres, String db, String firstGated) throws SQLException {
      try (Connection c = postgres.connect(db)) {
        c.createStatement().execute("""
            CREATE OR REPLACE FUNCTION test_storing_gate() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.device_id >= '%s' THEN
                PERFORM pg_advisory_xact_lock_shared(%d);
              END IF;
              RETURN NEW;
            END $$""".formatted(firstGated, KEY));
        c.createStatement().execute(
            "CREATE TRIGGER test_storing_gate BEFORE INSERT ON execution FOR EACH ROW EXECUTE FUNCTION test_storing_gate()");
      }
      Connection holder = postgres.connect(db);
      holder.createStatement().execute("SELECT pg_advisory_lock(" + KEY + ")");
      return new StoringGate(holder);
    }

    /** Waits until a statement of the service waits on the gate. */
    void awaitStorerWaiting() {
      await("the background storer waiting at the gate").atMost(Duration.ofSeconds(20)).until(() -> {
        try (ResultSet rs = holder.createStatement().executeQuery(
            "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = " + KEY + " AND NOT granted")) {
          rs.next();
          return rs.getLong(1) > 0;
        }
      });
    }

    void open() throws SQLException {
      holder.createStatement().execute("SELECT pg_advisory_unlock(" + KEY + ")");
      holder.close();
      holder = null;
    }

    /** The server went away, and the lock with the session. */
    void forget() {
      try {
        holder.close();
      } catch (SQLException gone) {
        // the connection died with the server
      }
      holder = null;
    }
  }
}
