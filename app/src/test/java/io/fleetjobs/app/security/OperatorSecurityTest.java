package io.fleetjobs.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.ComponentTest;
import io.fleetjobs.app.support.Fixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may do what through the REST API: sign-in, roles on every endpoint, API tokens, lockout. */
@MicronautTest(transactional = false)
class OperatorSecurityTest extends ComponentTest {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  UserRepository userRows;

  Api admin;
  Api anonymous;
  Api viewer;
  Api operator;
  String job;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(super.getProperties());
    properties.put("fleet.security.max-failed-sign-ins", "3");
    return properties;
  }

  @BeforeAll
  void fleet() {
    anonymous = new Api(client.toBlocking());
    admin = Api.asAdmin(client.toBlocking());
    viewer = admin.newUser("vera", "viewer");
    operator = admin.newUser("otto", "operator");
    admin.post("/api/templates", Fixtures.fridgeTemplate("sec-fridge"));
    admin.post("/api/devices", Fixtures.device("sec-1", "sec-fridge", "north"));
    admin.post("/api/device-sets", Fixtures.allOfTemplateSet("sec-all", "sec-fridge"));
    job = admin.post("/api/jobs", Fixtures.fanSpeedJob("sec-all", 2, false)).body().get("id").asText();
  }

  @ParameterizedTest(name = "{0} without signing in is 401 problem+json")
  @ValueSource(strings = {"/api/jobs", "/api/templates", "/api/devices", "/api/device-sets", "/api/users", "/api/tokens",
      "/api/auth/me", "/prometheus", "/swagger/fleet-jobs-1.yml", "/swagger-ui/index.html"})
  void everyReadWithoutSigningInIsRefusedWith401ProblemJson(String path) {
    Api.Text answer = anonymous.text(path);
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.body()).contains("sign in first");
  }

  @Test
  void theCsvTheEventStreamsTheTimelineAndTheHistoryNeedSigningInToo() {
    assertThat(anonymous.text("/api/jobs/" + job + "/devices.csv").status()).isEqualTo(401);
    assertThat(anonymous.text("/api/jobs/" + job + "/events").status()).isEqualTo(401);
    assertThat(anonymous.text("/api/jobs/events").status()).isEqualTo(401);
    assertThat(anonymous.text("/api/jobs/" + job + "/timeline").status()).isEqualTo(401);
    assertThat(anonymous.text("/api/jobs/" + job + "/history").status()).isEqualTo(401);
    assertThat(viewer.text("/api/jobs/" + job + "/devices.csv").status()).isEqualTo(200);
    assertThat(viewer.text("/api/jobs/" + job + "/history").status()).as("a viewer reads the history").isEqualTo(200);
  }

  @Test
  void changesWithoutSigningInAre401AndChangeNothing() {
    assertThat(anonymous.post("/api/templates", Fixtures.fridgeTemplate("intruder")).status()).isEqualTo(401);
    assertThat(anonymous.post("/api/jobs/" + job + "/run").status()).isEqualTo(401);
    assertThat(anonymous.delete("/api/devices/sec-1").status()).isEqualTo(401);
    assertThat(admin.get("/api/templates/intruder").status()).isEqualTo(404);
    assertThat(admin.get("/api/jobs/" + job).body().get("status").asText()).isEqualTo("PENDING");
    assertThat(admin.get("/api/devices/sec-1").body().get("deleted").asBoolean()).isFalse();
  }

  @Test
  void signInTokensAreSignedAndAForgedOrUnsignedOneIsRefused() {
    String token = admin.token();
    assertThat(token.split("\\.")).hasSize(3);
    String header = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0]));
    assertThat(header).contains("HS256");
    // the same claims with "alg": "none" and no signature, and with the signature of another key
    String claims = token.split("\\.")[1];
    String unsigned = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes()) + "." + claims + ".";
    assertThat(anonymous.withToken(unsigned).get("/api/jobs").status()).isEqualTo(401);
    String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertThat(anonymous.withToken(tampered).get("/api/jobs").status()).isEqualTo(401);
  }

  @Test
  void healthStaysOpenForProbes() {
    assertThat(anonymous.get("/health").status()).isEqualTo(200);
  }

  @Test
  void theConsolesIconIsAnsweredAtTheRootForAnyone() {
    Api.Text icon = anonymous.text("/favicon.ico");
    assertThat(icon.status()).isEqualTo(200);
    assertThat(icon.contentType()).startsWith("image/x-icon");
    assertThat(anonymous.text("/console/favicon.ico").status()).isEqualTo(200);
  }

  @Test
  void aViewerReadsEverythingButItsRunAndStopAre403() {
    assertThat(viewer.get("/api/jobs").status()).isEqualTo(200);
    assertThat(viewer.get("/api/jobs/" + job + "/devices").status()).isEqualTo(200);
    assertThat(viewer.text("/prometheus").status()).isEqualTo(200);
    assertThat(viewer.text("/swagger/fleet-jobs-1.yml").status()).isEqualTo(200);
    Api.Answer run = viewer.post("/api/jobs/" + job + "/run");
    assertThat(run.status()).isEqualTo(403);
    assertThat(run.contentType()).startsWith("application/problem+json");
    assertThat(run.body().get("detail").asText()).isEqualTo("your role may not do this");
    assertThat(viewer.post("/api/jobs/" + job + "/stop").status()).isEqualTo(403);
    assertThat(viewer.post("/api/jobs", Fixtures.fanSpeedJob("sec-all", 3, false)).status()).isEqualTo(403);
    assertThat(viewer.post("/api/device-sets", Fixtures.allOfTemplateSet("viewer-set", "sec-fridge")).status()).isEqualTo(403);
    assertThat(admin.get("/api/jobs/" + job).body().get("status").asText()).isEqualTo("PENDING");
  }

  @Test
  void anOperatorRunsStopsAndCopiesJobsAndManagesSetsButNotTemplatesDevicesOrUsers() {
    String own = operator.post("/api/jobs", Fixtures.fanSpeedJob("sec-all", 4, false)).body().get("id").asText();
    assertThat(operator.post("/api/jobs/" + own + "/run").status()).isEqualTo(200);
    assertThat(operator.post("/api/jobs/" + own + "/stop").body().get("status").asText()).isEqualTo("STOPPED");
    assertThat(operator.post("/api/jobs/" + own + "/copy").status()).isEqualTo(201);
    assertThat(operator.post("/api/device-sets", Fixtures.allOfTemplateSet("otto-set", "sec-fridge")).status()).isEqualTo(201);
    assertThat(operator.delete("/api/device-sets/otto-set").status()).isEqualTo(204);
    assertThat(operator.post("/api/templates", Fixtures.fridgeTemplate("otto-t")).status()).isEqualTo(403);
    assertThat(operator.post("/api/devices", Fixtures.device("otto-d", "sec-fridge", "x")).status()).isEqualTo(403);
    assertThat(operator.get("/api/users").status()).isEqualTo(403);
  }

  @Test
  void aWrongPasswordIsRefusedWith401AndRepeatedFailuresLockTheNameOut() {
    admin.newUser("lucy", "viewer");
    for (int i = 0; i < 3; i++) {
      assertThat(signIn("lucy", "not-her-password").status()).isEqualTo(401);
    }
    Api.Answer locked = signIn("lucy", Api.ADMIN_PASSWORD);
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.body().get("detail").asText()).contains("too many failed sign-ins");
    assertThat(signIn("nobody-at-all", "whatever-password").status()).isEqualTo(401);
  }

  @Test
  void passwordsAreStoredAsBcryptHashes() {
    String hash = userRows.findById("vera").orElseThrow().passwordHash();
    assertThat(hash).startsWith("$2y$").doesNotContain(Api.ADMIN_PASSWORD);
  }

  @Test
  void anApiTokenWorksAsABearerTokenWithItsOwnersRoleAndStopsOnceRevoked() {
    Api.Answer made = viewer.post("/api/tokens", "{\"name\": \"grafana\"}");
    assertThat(made.status()).isEqualTo(201);
    String token = made.body().get("token").asText();
    assertThat(token).startsWith("fjt_");
    Api script = anonymous.withToken(token);
    assertThat(script.get("/api/jobs").status()).isEqualTo(200);
    assertThat(script.post("/api/jobs/" + job + "/run").status()).isEqualTo(403);
    assertThat(script.post("/api/tokens", "{\"name\": \"more\"}").status()).isEqualTo(403);

    Api.Answer listed = viewer.get("/api/tokens");
    assertThat(listed.body().toString()).contains("grafana").doesNotContain(token);
    assertThat(viewer.delete("/api/tokens/" + made.body().get("id").asText()).status()).isEqualTo(200);
    assertThat(script.get("/api/jobs").status()).isEqualTo(401);
  }

  @Test
  void onlyAnAdminSeesOrRevokesAnotherUsersTokens() {
    String id = operator.post("/api/tokens", "{\"name\": \"ci\"}").body().get("id").asText();
    assertThat(viewer.get("/api/tokens?all=true").status()).isEqualTo(403);
    assertThat(viewer.delete("/api/tokens/" + id).status()).isEqualTo(404);
    assertThat(admin.get("/api/tokens?username=otto").body().toString()).contains("\"ci\"");
    assertThat(admin.delete("/api/tokens/" + id).body().get("revokedAt").isNull()).isFalse();
  }

  @Test
  void disablingAUserEndsTheirSessionsAndTokensAtOnce() {
    Api dora = admin.newUser("dora", "operator");
    Api doraScript = dora.withToken(dora.post("/api/tokens", "{\"name\": \"x\"}").body().get("token").asText());
    assertThat(admin.patch("/api/users/dora", "{\"disabled\": true}").status()).isEqualTo(200);
    assertThat(dora.get("/api/jobs").status()).isEqualTo(401);
    assertThat(doraScript.get("/api/jobs").status()).isEqualTo(401);
    assertThat(signIn("dora", Api.ADMIN_PASSWORD).status()).isEqualTo(401);
  }

  @Test
  void aRoleChangeTakesEffectOnTheNextSignInAndEndsOlderTokens() {
    Api paul = admin.newUser("paul", "viewer");
    admin.patch("/api/users/paul", "{\"role\": \"operator\"}");
    assertThat(paul.get("/api/jobs").status()).isEqualTo(401);
    Api again = Api.signIn(client.toBlocking(), "paul", Api.ADMIN_PASSWORD);
    assertThat(again.post("/api/jobs", Fixtures.fanSpeedJob("sec-all", 5, false)).status()).isEqualTo(201);
  }

  @Test
  void aUserChangesTheirOwnPasswordOnlyWithTheCurrentOne() {
    Api rita = admin.newUser("rita", "viewer");
    assertThat(rita.put("/api/users/rita/password", "{\"currentPassword\": \"wrong-wrong\", \"newPassword\": \"a-new-password-1\"}").status())
        .isEqualTo(422);
    assertThat(rita.put("/api/users/rita/password", "{\"currentPassword\": \"" + Api.ADMIN_PASSWORD + "\", \"newPassword\": \"short\"}")
        .body().get("errors").get(0).get("field").asText()).isEqualTo("newPassword");
    assertThat(rita.put("/api/users/rita/password", "{\"currentPassword\": \"" + Api.ADMIN_PASSWORD + "\", \"newPassword\": \"a-new-password-1\"}")
        .status()).isEqualTo(200);
    assertThat(rita.get("/api/jobs").status()).isEqualTo(401); // the old session ended
    assertThat(signIn("rita", "a-new-password-1").status()).isEqualTo(200);
    assertThat(rita.put("/api/users/vera/password", "{\"newPassword\": \"taking-over-vera\"}").status()).isIn(401, 403);
  }

  @Test
  void theLastEnabledAdminCannotBeDemotedDisabledOrDeleted() {
    assertThat(admin.patch("/api/users/admin", "{\"role\": \"viewer\"}").status()).isEqualTo(409);
    assertThat(admin.patch("/api/users/admin", "{\"disabled\": true}").status()).isEqualTo(409);
    assertThat(admin.get("/api/users/admin").body().get("role").asText()).isEqualTo("admin");
  }

  @Test
  void aUserWithoutAPasswordGetsAGeneratedOneShownOnce() {
    Api.Answer created = admin.post("/api/users", "{\"username\": \"gen\", \"role\": \"viewer\"}");
    assertThat(created.status()).isEqualTo(201);
    String password = created.body().get("password").asText();
    assertThat(password).hasSize(20);
    assertThat(admin.get("/api/users/gen").body().get("password").isNull()).isTrue();
    assertThat(signIn("gen", password).status()).isEqualTo(200);
  }

  @Test
  void badUserInputIsRefusedNamingTheField() {
    assertThat(admin.post("/api/users", "{\"username\": \"x y\", \"role\": \"viewer\"}").body().get("errors").get(0).get("field").asText())
        .isEqualTo("username");
    assertThat(admin.post("/api/users", "{\"username\": \"xy\", \"role\": \"root\"}").body().get("errors").get(0).get("field").asText())
        .isEqualTo("role");
    assertThat(admin.post("/api/users", "{\"username\": \"admin\", \"role\": \"viewer\"}").status()).isEqualTo(409);
    assertThat(admin.get("/api/users/xy").status()).isEqualTo(404);
  }

  @Test
  void aConsoleSessionIsAnHttpOnlyStrictCookieAndItsChangesNeedTheCsrfToken() {
    var response = client.toBlocking().exchange(HttpRequest.POST("/api/auth/session",
        "{\"username\": \"otto\", \"password\": \"" + Api.ADMIN_PASSWORD + "\"}").contentType("application/json"), String.class);
    String setCookie = response.getHeaders().get("Set-Cookie");
    assertThat(setCookie).contains("FLEET_SESSION=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    String csrf = csrfOf(response.body());

    assertThat(anonymous.call(HttpRequest.GET("/api/auth/me").header("Cookie", cookie)).body().get("username").asText()).isEqualTo("otto");
    String body = Fixtures.fanSpeedJob("sec-all", 6, false);
    assertThat(anonymous.call(HttpRequest.POST("/api/jobs", body).contentType("application/json").header("Cookie", cookie)).status())
        .isEqualTo(403);
    assertThat(anonymous.call(HttpRequest.POST("/api/jobs", body).contentType("application/json").header("Cookie", cookie)
        .header("X-CSRF-Token", "guessed")).status()).isEqualTo(403);
    assertThat(anonymous.call(HttpRequest.POST("/api/jobs", body).contentType("application/json").header("Cookie", cookie)
        .header("X-CSRF-Token", csrf)).status()).isEqualTo(201);
    var signOut = client.toBlocking().exchange(HttpRequest.DELETE("/api/auth/session").header("Cookie", cookie).header("X-CSRF-Token", csrf));
    assertThat(signOut.getStatus().getCode()).isEqualTo(204);
    assertThat(signOut.getHeaders().get("Set-Cookie")).contains("FLEET_SESSION=;").contains("Max-Age=0");
  }

  private static String csrfOf(String body) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("csrfToken").asText();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Api.Answer signIn(String username, String password) {
    return anonymous.post("/api/auth/login", "{\"username\": \"%s\", \"password\": \"%s\"}".formatted(username, password));
  }
}
