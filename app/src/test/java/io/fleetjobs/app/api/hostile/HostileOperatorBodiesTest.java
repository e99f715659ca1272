package io.fleetjobs.app.api.hostile;

import static io.fleetjobs.app.api.hostile.Bodies.ABSENT;
import static io.fleetjobs.app.api.hostile.Bodies.accept;
import static io.fleetjobs.app.api.hostile.Bodies.either;
import static io.fleetjobs.app.api.hostile.Bodies.object;
import static io.fleetjobs.app.api.hostile.Bodies.refuse;
import static io.fleetjobs.app.api.hostile.Bodies.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.app.api.hostile.Bodies.Slot;
import io.fleetjobs.app.api.hostile.Bodies.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile bodies for what concerns operators themselves: users (created, changed, their passwords), API tokens,
 * enrolment tokens, and signing in (bearer tokens and console sessions). Beside what every answer must be, a
 * refused sign-in says the same whether the user exists or not, and a malformed one is a 400, never a 500.
 */
class HostileOperatorBodiesTest {

  private static final String TARGET = "hx-target";
  private static HostileService service;
  private static String refusedSignIn;

  @BeforeContainer
  static void start() {
    // failed sign-ins are what this class sends by the hundred: the lockout would answer 429 to the valid ones
    service = HostileService.start(Map.of("fleet.security.max-failed-sign-ins", "1000000"));
    service.prepare("/api/users", "{\"username\": \"" + TARGET + "\", \"role\": \"viewer\", \"password\": \"hx-target-password\"}");
    refusedSignIn = service.anonymous().send("POST", "/api/auth/login", "application/json",
        "{\"username\": \"hx-nobody\", \"password\": \"not-a-password\"}".getBytes(StandardCharsets.UTF_8)).json().path("detail").asText();
    service.rebase();
  }

  @AfterContainer
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Property(tries = 120)
  void everyUserBodyIsAcceptedOrRefusedNamingItsFieldAndARefusalChangesNothing(@ForAll("users") Case c) {
    HostileService.Sent sent = service.judge(c);
    if (sent.status() == 201) {
      Verdicts.roundTrips(sent.request(), sent.reply().json(), List.of("username", "displayName"));
      Verdicts.roundTrips(sent.request(), service.admin().get(sent.reply().location()).json(), List.of("username", "displayName"));
    }
  }

  @Property(tries = 80)
  void everyChangeOfAUserIsAcceptedOrRefusedNamingItsFieldAndARefusalChangesNothing(@ForAll("userChanges") Case c) {
    HostileService.Sent sent = service.judge(c);
    if (sent.status() == 200 && c.method().equals("PATCH")) {
      Verdicts.roundTrips(sent.request(), service.admin().get("/api/users/" + TARGET).json(), List.of("displayName"));
    }
  }

  @Property(tries = 100)
  void everyTokenBodyIsAcceptedOrRefusedNamingItsFieldAndARefusalChangesNothing(@ForAll("tokens") Case c) {
    HostileService.Sent sent = service.judge(c);
    if (sent.status() == 201) {
      Verdicts.roundTrips(sent.request(), sent.reply().json(), List.of("name"));
    }
  }

  @Property(tries = 120)
  void aSignInIsATokenOrARefusalThatLeaksNothingAndAMalformedOneIsA400(@ForAll("signIns") Case c) {
    HostileService.Sent sent = service.judge(c, service.anonymous());
    // not the JSON a sign-in takes: 400; a name or password missing: 422, as for any body; neither is a 401
    if (c.about().endsWith("not a string") || c.about().equals("broken body")) {
      assertThat(sent.status()).as("%s is malformed: %s", sent.request(), sent.reply()).isEqualTo(400);
    }
    if (c.about().endsWith("missing") || c.about().endsWith("blank")) {
      assertThat(sent.status()).as("%s is incomplete: %s", sent.request(), sent.reply()).isEqualTo(422);
    }
    if (sent.status() == 401) {
      assertThat(sent.reply().json().path("detail").asText()).as("a refused %s says what an unknown user's does", c).isEqualTo(refusedSignIn);
    }
    if (sent.status() == 200) {
      assertThat(sent.reply().json().path("username").asText()).isEqualTo(HostileService.OPERATOR);
    }
  }

  @Provide
  Arbitrary<Case> users() {
    Arbitrary<Object> valid = Arbitraries.create(() -> object(
        "username", "hu-" + unique(), "displayName", "Vera Viewer", "role", "viewer", "password", "a-long-password"));
    return Bodies.cases("POST", "/api/users", valid, List.of(
        new Slot("username", usernames()),
        new Slot("displayName", Values.name(200, false)),
        new Slot("role", roles(true)),
        new Slot("password", passwords())));
  }

  @Provide
  Arbitrary<Case> userChanges() {
    Arbitrary<Case> patches = Bodies.cases("PATCH", "/api/users/" + TARGET,
        Arbitraries.create(() -> object("displayName", "Target " + unique())), List.of(
            new Slot("displayName", Values.name(200, false)),
            new Slot("role", roles(false)),
            new Slot("disabled", Values.bool())));
    Arbitrary<Case> passwordsSet = Bodies.cases("PUT", "/api/users/" + TARGET + "/password",
        Arbitraries.create(() -> object("newPassword", "pw-" + unique() + "-long")), List.of(
            new Slot("newPassword", passwords()),
            new Slot("currentPassword", Arbitraries.of("anything at all", "\u0000", "").map(v -> accept(v, "ignored for an admin's change")))));
    return Arbitraries.oneOf(patches, passwordsSet);
  }

  @Provide
  Arbitrary<Case> tokens() {
    Arbitrary<Case> api = Bodies.cases("POST", "/api/tokens", Arbitraries.create(() -> object("name", "ci " + unique())), List.of(
        new Slot("name", Values.name(100, true)),
        new Slot("expiresAt", Values.futureInstant())));
    Arbitrary<Case> enrolment = Bodies.cases("POST", "/api/templates/" + HostileService.TEMPLATE + "/enrolment-tokens",
        Arbitraries.create(() -> object("name", "Batch " + unique(), "maxUses", 10)), List.of(
            new Slot("name", Values.name(100, true)),
            new Slot("expiresAt", Values.futureInstant()),
            new Slot("maxUses", Values.wholeNumber(1, Integer.MAX_VALUE, false))));
    return Arbitraries.oneOf(api, enrolment);
  }

  @Provide
  Arbitrary<Case> signIns() {
    Arbitrary<Object> valid = Arbitraries.create(() -> object("username", HostileService.OPERATOR, "password", HostileService.OPERATOR_PASSWORD));
    List<Slot> slots = List.of(
        new Slot("username", Arbitraries.oneOf(
            Arbitraries.of("hx-nobody", "HX-OPERATOR", "admin", "hx-operator ", " hx-operator").map(n -> refuse(n, "another name")),
            Hostile.withForbidden().map(n -> refuse(n, "with a forbidden character")),
            Hostile.huge(1000, 100_000).map(n -> refuse(n, "huge")),
            Arbitraries.of("", " ").map(n -> refuse(n, "blank")),
            Arbitraries.of(ABSENT, Json.NULL).map(v -> refuse(v, "missing")),
            Arbitraries.of(Bodies.list("hx-operator"), object("name", "hx-operator")).map(v -> refuse(v, "not a string")),
            Arbitraries.of(42, true).map(v -> refuse(v, "a number, read as a name")))),
        new Slot("password", Arbitraries.oneOf(
            Arbitraries.of("wrong-password", HostileService.OPERATOR_PASSWORD.toUpperCase(), HostileService.OPERATOR_PASSWORD + " ")
                .map(p -> refuse(p, "wrong")),
            Hostile.withForbidden().map(p -> refuse(p, "with a forbidden character")),
            Hostile.huge(100, 100_000).map(p -> refuse(p, "huge")),
            Arbitraries.of("").map(p -> refuse(p, "empty")),
            Arbitraries.of(ABSENT, Json.NULL).map(v -> refuse(v, "missing")),
            Arbitraries.of(Bodies.list("x"), object()).map(v -> refuse(v, "not a string")),
            Arbitraries.just(refuse(4242424242L, "a number, read as a password")))));
    return Arbitraries.oneOf(Bodies.cases("POST", "/api/auth/login", valid, slots), Bodies.cases("POST", "/api/auth/session", valid, slots));
  }

  private static Arbitrary<Value> usernames() {
    return Arbitraries.oneOf(
        Arbitraries.of("hu-", "a@b.example+", "U.", "9_").map(p -> accept(p + unique(), "fine")),
        Arbitraries.just(0).map(x -> accept("u".repeat(58) + unique(), "at its limit of 64")),
        Arbitraries.just(0).map(x -> refuse("u".repeat(59) + unique(), "past its limit")),
        Arbitraries.of(".a", "-a", "a b", "ä", "a/b", "a:b", "a#b", "", " ").map(n -> refuse(n, "not a user name")),
        Hostile.withForbidden().map(n -> refuse("hu" + n, "with a forbidden character")),
        Arbitraries.of(ABSENT, Json.NULL).map(v -> refuse(v, "missing")),
        Arbitraries.just(either(42, "a number")),
        Arbitraries.of(Bodies.list("a"), object()).map(v -> refuse(v, "not a string")));
  }

  private static Arbitrary<Value> roles(boolean required) {
    return Arbitraries.oneOf(
        Arbitraries.of("viewer", "operator", "admin").map(r -> accept(r, "a role")),
        Arbitraries.of("VIEWER", "Admin", "root", "", " admin", "0").map(r -> refuse(r, "no role")),
        Hostile.withForbidden().map(r -> refuse(r, "with a forbidden character")),
        Arbitraries.of(ABSENT, Json.NULL).map(v -> required ? refuse(v, "missing") : accept(v, "left out")),
        Arbitraries.of(Bodies.list("admin"), object(), 2).map(v -> refuse(v, "not a string")));
  }

  /** Passwords: secrets, never shown, so any characters; but 10 to 72 bytes of well-formed text. */
  private static Arbitrary<Value> passwords() {
    return Arbitraries.oneOf(
        Hostile.fineText(10, 30).filter(p -> p.length() >= 10 && p.getBytes(StandardCharsets.UTF_8).length <= 72).map(p -> accept(p, "fine")),
        Arbitraries.of("tab\tand\u0000nul!", "\u202eright-to-left", "ten chars!").map(p -> accept(p, "control characters are a secret's business")),
        Arbitraries.of("short", "123456789", "").map(p -> refuse(p, "too short")),
        Arbitraries.of("x".repeat(73), "ä".repeat(37)).map(p -> refuse(p, "past 72 bytes")),
        Arbitraries.of("lone \ud800 surrogate", "\udfffxxxxxxxxxxx").map(p -> refuse(p, "not well-formed text")),
        Arbitraries.of(ABSENT, Json.NULL).map(v -> accept(v, "left out: one is generated")),
        Arbitraries.of(Bodies.list("a-long-password"), object(), 1234567890123L).map(v -> v instanceof Long ? either(v, "a number") : refuse(v, "not a string")));
  }
}
