package io.fleetjobs.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.app.common.Sql;
import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.ComponentTest;
import io.fleetjobs.app.support.Fixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The audit log through the REST API: every request that changes something is recorded once answered — refused ones
 * and sign-in attempts included — with who, how signed in, what, the target, from where and the status; reads are
 * not; no body, password or token is ever stored; {@code GET /api/audit} filters and pages, newest first.
 */
@MicronautTest(transactional = false)
class AuditLogTest extends ComponentTest {

  private static final String LOOPBACK = "127.0.0.1";

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  Sql sql;

  Api admin;
  Api anonymous;
  Api viewer;
  Api operator;
  String job;

  @BeforeAll
  void fleet() {
    anonymous = new Api(client.toBlocking());
    admin = Api.asAdmin(client.toBlocking());
    viewer = admin.newUser("vera", "viewer");
    operator = admin.newUser("otto", "operator");
    admin.post("/api/templates", Fixtures.fridgeTemplate("audit-fridge"));
    admin.post("/api/devices", Fixtures.device("audit-1", "audit-fridge", "north"));
    admin.post("/api/device-sets", Fixtures.allOfTemplateSet("audit-all", "audit-fridge"));
    job = operator.post("/api/jobs", Fixtures.fanSpeedJob("audit-all", 2, false)).body().get("id").asText();
  }

  @Test
  void aRunIsRecordedWithItsActorHowTheySignedInTheRouteThePathTheTargetTheAddressAndTheStatus() {
    assertThat(operator.post("/api/jobs/" + job + "/run").status()).isEqualTo(200);

    JsonNode run = single("actor=otto&action=/run");
    assertThat(run.get("via").asText()).isEqualTo("bearer");
    assertThat(run.get("method").asText()).isEqualTo("POST");
    assertThat(run.get("action").asText()).isEqualTo("POST /api/jobs/{id}/run");
    assertThat(run.get("path").asText()).isEqualTo("/api/jobs/" + job + "/run");
    assertThat(run.get("target").asText()).isEqualTo(job);
    assertThat(run.get("remoteAddress").asText()).isEqualTo(LOOPBACK);
    assertThat(run.get("status").asInt()).isEqualTo(200);
    assertThat(run.get("outcome").asText()).isEqualTo("success");
    assertThat(run.get("at").asText()).isNotBlank();
  }

  @Test
  void aViewersStopRefusedBySecurityIsRecordedWith403() {
    assertThat(viewer.post("/api/jobs/" + job + "/stop").status()).isEqualTo(403);

    JsonNode stop = single("actor=vera&action=POST /api/jobs/{id}/stop");
    assertThat(stop.get("via").asText()).isEqualTo("bearer");
    assertThat(stop.get("target").asText()).isEqualTo(job);
    assertThat(stop.get("remoteAddress").asText()).isEqualTo(LOOPBACK);
    assertThat(stop.get("status").asInt()).isEqualTo(403);
    assertThat(stop.get("outcome").asText()).isEqualTo("refused");
  }

  @Test
  void aRequestWithoutSigningInIsRecordedWith401AndNoActor() {
    assertThat(anonymous.delete("/api/devices/audit-1").status()).isEqualTo(401);

    JsonNode delete = single("action=DELETE /api/devices/{id}&outcome=401");
    assertThat(delete.get("actor").isNull()).isTrue();
    assertThat(delete.get("via").isNull()).isTrue();
    assertThat(delete.get("target").asText()).isEqualTo("audit-1");
    assertThat(delete.get("remoteAddress").asText()).isEqualTo(LOOPBACK);
  }

  @Test
  void failedAndSuccessfulSignInsAreRecordedWithTheUserNameTheyNamed() {
    admin.newUser("sigrid", "viewer");
    assertThat(signIn("/api/auth/login", "sigrid", "not-her-password").status()).isEqualTo(401);
    assertThat(signIn("/api/auth/session", "sigrid", Api.ADMIN_PASSWORD).status()).isEqualTo(200);

    List<JsonNode> attempts = events("actor=sigrid&action=/api/auth/", 3); // the sign-in of newUser, and these two
    assertThat(attempts).extracting(e -> e.get("action").asText() + " " + e.get("status").asInt())
        .containsExactly("POST /api/auth/session 200", "POST /api/auth/login 401", "POST /api/auth/login 200");
    assertThat(attempts).allSatisfy(e -> assertThat(e.get("remoteAddress").asText()).isEqualTo(LOOPBACK));
  }

  @Test
  void aConsoleChangeWithoutItsCsrfTokenIsRecordedWith403ViaTheSession() {
    admin.newUser("carla", "operator");
    var session = client.toBlocking().exchange(HttpRequest.POST("/api/auth/session",
        "{\"username\": \"carla\", \"password\": \"" + Api.ADMIN_PASSWORD + "\"}").contentType("application/json"), String.class);
    String setCookie = session.getHeaders().get("Set-Cookie");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    assertThat(anonymous.call(HttpRequest.POST("/api/jobs/" + job + "/copy", "").contentType("application/json").header("Cookie", cookie))
        .status()).isEqualTo(403);

    JsonNode copy = single("actor=carla&action=/copy");
    assertThat(copy.get("via").asText()).isEqualTo("session");
    assertThat(copy.get("status").asInt()).isEqualTo(403);
  }

  @Test
  void aCreationNamesTheNewIdAsTargetAndAnApiTokensRequestsAreRecordedViaApiToken() {
    Api.Answer made = operator.post("/api/tokens", "{\"name\": \"audit-ci\"}");
    String tokenId = made.body().get("id").asText();
    Api script = anonymous.withToken(made.body().get("token").asText());
    String created = script.post("/api/jobs", Fixtures.fanSpeedJob("audit-all", 3, false)).body().get("id").asText();

    assertThat(single("actor=otto&action=POST /api/tokens&outcome=201").get("target").asText()).isEqualTo(tokenId);
    JsonNode byToken = events("actor=otto&action=POST /api/jobs&outcome=201", 2).get(0);
    assertThat(byToken.get("via").asText()).isEqualTo("api-token");
    assertThat(byToken.get("target").asText()).isEqualTo(created);
  }

  @Test
  void readsAreNotRecorded() {
    Api reader = admin.newUser("reader", "viewer"); // its sign-in is recorded
    reader.get("/api/jobs");
    reader.get("/api/jobs/" + job);
    reader.get("/api/audit");
    reader.post("/api/jobs/" + job + "/stop"); // one change, refused, to know when the writer has caught up
    assertThat(events("actor=reader", 2)).extracting(e -> e.get("action").asText())
        .containsExactly("POST /api/jobs/{id}/stop", "POST /api/auth/login");
  }

  @Test
  void anUnknownRouteIsRecordedWithItsPath() {
    assertThat(admin.post("/api/no-such-thing/42").status()).isEqualTo(404);
    assertThat(single("action=POST /api/no-such-thing/42").get("outcome").asText()).isEqualTo("refused");
  }

  @Test
  void anXForwardedForHeaderIsIgnoredUnlessTheRequestCameFromATrustedProxy() {
    Api xavier = admin.newUser("xavier", "viewer");
    xavier.call(HttpRequest.POST("/api/jobs/" + job + "/stop", "").contentType("application/json").header("X-Forwarded-For", "203.0.113.9"));
    assertThat(single("actor=xavier&action=/stop").get("remoteAddress").asText()).isEqualTo(LOOPBACK);
  }

  @Test
  void noPasswordTokenOrBodyIsStoredInAnyRow() {
    String password = "pw-of-penny-4711";
    String wrong = "wrong-guess-0815";
    String typedAsName = "correct horse battery staple"; // a password typed into the name field: not a user name
    String bodyOnly = "Penny's private set name";
    admin.post("/api/users", "{\"username\": \"penny\", \"role\": \"operator\", \"password\": \"" + password + "\"}");
    Api penny = Api.signIn(client.toBlocking(), "penny", password);
    signIn("/api/auth/login", "penny", wrong);
    signIn("/api/auth/session", typedAsName, password);
    String apiToken = penny.post("/api/tokens", "{\"name\": \"penny-script\"}").body().get("token").asText();
    penny.withToken(apiToken).post("/api/device-sets", "{\"id\": \"penny-set\", \"name\": \"" + bodyOnly + "\", \"template\": \"audit-fridge\"}");
    String newPassword = "penny-new-pass-99";
    penny.put("/api/users/penny/password", "{\"currentPassword\": \"" + password + "\", \"newPassword\": \"" + newPassword + "\"}");
    String generated = admin.post("/api/users", "{\"username\": \"gene\", \"role\": \"viewer\"}").body().get("password").asText();
    String bearer = Api.signIn(client.toBlocking(), "penny", newPassword).token();

    // events are written in the order they were answered: once the last is stored, all are
    List<JsonNode> pennys = events("actor=penny", 6);
    assertThat(pennys).extracting(e -> e.get("action").asText()).containsExactly("POST /api/auth/login", "PUT /api/users/{username}/password",
        "POST /api/device-sets", "POST /api/tokens", "POST /api/auth/login", "POST /api/auth/login");
    List<String> rows = allRows();
    for (String secret : List.of(password, wrong, typedAsName, apiToken, penny.token(), bearer, newPassword, generated, bodyOnly)) {
      assertThat(rows).noneMatch(row -> row.contains(secret));
    }
  }

  @Test
  void theLogIsFilteredByActorActionOutcomeAndTimeAndPagedNewestFirst() {
    Api fiona = admin.newUser("fiona", "operator");
    String own = fiona.post("/api/jobs", Fixtures.fanSpeedJob("audit-all", 4, false)).body().get("id").asText(); // 201
    fiona.post("/api/jobs/" + own + "/run"); // 200
    fiona.post("/api/jobs/" + own + "/run"); // 409: running already
    fiona.post("/api/jobs/" + own + "/stop"); // 200
    fiona.delete("/api/templates/audit-fridge"); // 403: not an admin

    List<JsonNode> all = events("actor=fiona", 6); // with the sign-in
    assertThat(all).extracting(e -> e.get("status").asInt()).containsExactly(403, 200, 409, 200, 201, 200);
    assertThat(events("actor=fiona&outcome=success", 4)).hasSize(4);
    assertThat(events("actor=fiona&outcome=refused", 2)).extracting(e -> e.get("status").asInt()).containsExactly(403, 409);
    assertThat(events("actor=fiona&outcome=409", 1)).hasSize(1);
    assertThat(events("actor=fiona&outcome=error", 0)).isEmpty();
    assertThat(events("actor=fiona&action=post /API/jobs/{id}/R", 2)).hasSize(2); // contains, any case
    assertThat(events("actor=fiona&action=POST /api/jobs", 4)).hasSize(4); // prefix: create, run, run, stop

    String runAt = all.get(3).get("at").asText();
    String stopAt = all.get(1).get("at").asText();
    List<JsonNode> window = events("actor=fiona&from=" + runAt + "&to=" + stopAt, -1);
    assertThat(window).allSatisfy(e -> assertThat(e.get("at").asText().compareTo(runAt)).isGreaterThanOrEqualTo(0));
    assertThat(window).extracting(e -> e.get("id").asLong()).contains(all.get(3).get("id").asLong())
        .doesNotContain(all.get(1).get("id").asLong());

    JsonNode page = admin.get("/api/audit?actor=fiona&size=2&page=1").body();
    assertThat(page.get("totalItems").asLong()).isEqualTo(6);
    assertThat(page.get("totalPages").asLong()).isEqualTo(3);
    assertThat(page.get("page").asInt()).isEqualTo(1);
    assertThat(ids(page.get("items"))).containsExactly(all.get(2).get("id").asLong(), all.get(3).get("id").asLong());
  }

  @ParameterizedTest(name = "{0}={1} is refused with 422 naming {0}")
  @CsvSource({"from, yesterday", "to, 2026-13-01T00:00:00Z", "outcome, maybe", "outcome, 700", "size, 1001", "page, -1"})
  void badFiltersAreRefusedNamingTheField(String field, String value) {
    Api.Answer answer = viewer.get("/api/audit?" + field + "=" + value);
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo(field);
  }

  @Test
  void aViewerReadsTheAuditLogAndNobodyElseWithoutSigningIn() {
    assertThat(viewer.get("/api/audit").status()).isEqualTo(200);
    assertThat(anonymous.get("/api/audit").status()).isEqualTo(401);
  }

  private Api.Answer signIn(String path, String username, String password) {
    return anonymous.post(path, "{\"username\": \"%s\", \"password\": \"%s\"}".formatted(username, password));
  }

  /** The one event matching {@code query}, once written. */
  private JsonNode single(String query) {
    return events(query, 1).get(0);
  }

  /** The events matching {@code query}, newest first, once there are {@code expected} of them (-1: as they are). */
  private List<JsonNode> events(String query, int expected) {
    String url = "/api/audit?size=1000&" + query.replace(" ", "%20").replace("{", "%7B").replace("}", "%7D");
    List<JsonNode> found = new ArrayList<>();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      Api.Answer answer = admin.get(url);
      assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
      found.clear();
      answer.body().get("items").forEach(found::add);
      return expected < 0 || found.size() >= expected;
    });
    if (expected >= 0) {
      assertThat(found).as("events of " + query).hasSize(expected);
    }
    return found;
  }

  private static List<Long> ids(JsonNode items) {
    return StreamSupport.stream(items.spliterator(), false).map(e -> e.get("id").asLong()).toList();
  }

  /** Every stored row, all columns as text. */
  private List<String> allRows() {
    return sql.query("SELECT * FROM audit_event", ps -> {}, rs -> {
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        row.append(rs.getString(i)).append('|');
      }
      return row.toString();
    });
  }
}
