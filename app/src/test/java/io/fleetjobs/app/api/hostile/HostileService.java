package io.fleetjobs.app.api.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleetjobs.app.support.AppUnderTest;
import io.fleetjobs.app.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The service the hostile-input properties run against (H2 of its own, the shared test broker), signed in as the
 * first admin, with a few things to refer to: a template with devices, a set over all of them, an empty set, an
 * operator. {@link #judge} sends a case and checks what every answer must be, and that a refused request left no
 * trace: every table as before ({@link Footprint}), and one audit event that records it with its 4xx status.
 */
final class HostileService implements AutoCloseable {

  static final String TEMPLATE = "hx-fridge";
  static final String SET = "hx-all";
  static final String EMPTY_SET = "hx-none";
  static final String OPERATOR = "hx-operator";
  static final String OPERATOR_PASSWORD = "hx-operator-password";
  static final List<String> DEVICES = List.of("hx-1", "hx-2", "hx-3");

  private final AppUnderTest app;
  private final RawClient admin;
  private final Footprint stored;
  private Map<String, String> footprint;
  private long lastAudit;

  private HostileService(Map<String, String> properties) {
    app = new AppUnderTest(properties);
    admin = new RawClient("http://127.0.0.1:" + app.port(), app.api().token());
    seed();
    stored = new Footprint(app.property("datasources.default.url"), "sa", "");
    footprint = stored.now();
    lastAudit = stored.newestAudit();
  }

  static HostileService start() {
    return new HostileService(Map.of());
  }

  static HostileService start(Map<String, String> properties) {
    return new HostileService(properties);
  }

  RawClient admin() {
    return admin;
  }

  /** A client signed in as nobody. */
  RawClient anonymous() {
    return admin.withBearer(null);
  }

  /** Creates something a test class refers to (201 expected), and takes it into the baseline. */
  RawClient.Reply prepare(String path, String json) {
    RawClient.Reply reply = admin.send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    assertThat(reply.status()).as("POST %s: %s", path, reply).isEqualTo(201);
    rebase();
    return reply;
  }

  /** Takes what the test class did outside {@link #judge} into the baseline, once its audit events are written. */
  void rebase() {
    long before = lastAudit;
    await().atMost(Duration.ofSeconds(10)).until(() -> stored.newestAudit() > before);
    footprint = stored.now();
    lastAudit = stored.newestAudit();
  }

  /** A case as sent (its ids made unique) and its answer. */
  record Sent(Case request, RawClient.Reply reply) {
    int status() {
      return reply.status();
    }
  }

  /** Sends {@code c} as the admin and checks the answer, the footprint and the audit log. */
  Sent judge(Case c) {
    return judge(c, admin);
  }

  Sent judge(Case generated, RawClient client) {
    Case c = generated.fresh();
    Map<String, String> before = footprint;
    RawClient.Reply reply = client.send(c);
    // the state is taken before any check, so that a failing try leaves the next one (or a shrunk one) a true baseline
    footprint = stored.now();
    List<Footprint.AuditRow> events = c.changes() ? newAuditEvents() : List.of();
    Verdicts.check(c, reply);
    if (reply.status() >= 400) {
      assertThat(changes(before, footprint)).as("what a refused %s left behind (%s)", c, reply).isEmpty();
    }
    if (c.changes()) {
      assertThat(events).as("audit events of %s", c).hasSize(1);
      assertThat(events.get(0).method()).as("audited method of %s", c).isEqualTo(c.method());
      assertThat(events.get(0).status()).as("audited status of %s (a refusal is recorded as one)", c).isEqualTo(reply.status());
    }
    return new Sent(c, reply);
  }

  /** The tables that differ, each with its content before and after (clipped). */
  private static Map<String, String> changes(Map<String, String> before, Map<String, String> after) {
    Map<String, String> changed = new java.util.TreeMap<>();
    after.forEach((table, now) -> {
      String then = before.getOrDefault(table, "");
      if (!then.equals(now)) {
        changed.put(table, clip(then) + " -> " + clip(now));
      }
    });
    return changed;
  }

  private static String clip(String text) {
    return text.length() > 400 ? text.substring(0, 400) + "…" : text;
  }

  /** The audit events written since the last call: a change request leaves one, written a moment after its answer. */
  private List<Footprint.AuditRow> newAuditEvents() {
    long since = lastAudit;
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> !stored.auditAfter(since).isEmpty());
    List<Footprint.AuditRow> events = stored.auditAfter(since);
    lastAudit = events.get(events.size() - 1).id();
    return events;
  }

  private void seed() {
    post("/api/templates", Fixtures.fridgeTemplate(TEMPLATE));
    for (String device : DEVICES) {
      post("/api/devices", Fixtures.device(device, TEMPLATE, "north"));
    }
    post("/api/device-sets", Fixtures.allOfTemplateSet(SET, TEMPLATE));
    post("/api/device-sets", Fixtures.filterSet(EMPTY_SET, TEMPLATE, "nowhere"));
    post("/api/users", "{\"username\": \"" + OPERATOR + "\", \"role\": \"operator\", \"password\": \"" + OPERATOR_PASSWORD + "\"}");
  }

  private void post(String path, String json) {
    RawClient.Reply reply = admin.send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    assertThat(reply.status()).as("POST %s: %s", path, reply).isEqualTo(201);
  }

  @Override
  public void close() {
    stored.close();
    app.close();
  }
}
