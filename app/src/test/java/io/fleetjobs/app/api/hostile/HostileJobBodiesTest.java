package io.fleetjobs.app.api.hostile;

import static io.fleetjobs.app.api.hostile.Bodies.ABSENT;
import static io.fleetjobs.app.api.hostile.Bodies.accept;
import static io.fleetjobs.app.api.hostile.Bodies.either;
import static io.fleetjobs.app.api.hostile.Bodies.list;
import static io.fleetjobs.app.api.hostile.Bodies.object;
import static io.fleetjobs.app.api.hostile.Bodies.refuse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.app.api.hostile.Bodies.Merge;
import io.fleetjobs.app.api.hostile.Bodies.Slot;
import io.fleetjobs.app.api.hostile.Bodies.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile job bodies: names, descriptions, device sets and subsets, operations of every kind against the template,
 * timeouts, and "run" on a set with no device. A refused job is not created, not even for a moment before its run
 * is refused; an accepted one shows its name, description and operation values as sent.
 */
class HostileJobBodiesTest {

  private static HostileService service;

  @BeforeContainer
  static void start() {
    service = HostileService.start();
  }

  @AfterContainer
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Property(tries = 200)
  void everyJobBodyIsAcceptedOrRefusedNamingItsFieldAndARefusedJobIsNeverCreated(@ForAll("jobs") Case c) {
    HostileService.Sent sent = service.judge(c);
    if (sent.status() == 201) {
      JsonNode stored = service.admin().get(sent.reply().location()).json();
      Verdicts.roundTrips(sent.request(), sent.reply().json(), List.of("name", "description"));
      Verdicts.roundTrips(sent.request(), stored, List.of("name", "description"));
      JsonNode operations = Verdicts.parse(sent.request()).path("operations");
      for (int i = 0; i < operations.size(); i++) {
        if (operations.get(i).path("value").isTextual()) {
          assertThat(stored.path("operations").get(i).path("value").asText()).as("operations[%d].value of %s read back", i, c)
              .isEqualTo(operations.get(i).path("value").asText());
        }
      }
    }
  }

  @Provide
  Arbitrary<Case> jobs() {
    Arbitrary<Object> valid = Arbitraries.create(() -> object(
        "name", "Hostile job", "description", "Fans up", "deviceSetId", HostileService.SET,
        "operations", list(object("type", "SETTING", "name", "fanSpeed", "value", 3)), "run", false));
    return Bodies.cases("POST", "/api/jobs", valid, List.of(
        new Slot("name", Values.name(200, true)),
        new Slot("description", Values.description(2000)),
        new Slot("deviceSetId", Arbitraries.oneOf(
            Values.reference(HostileService.SET),
            Arbitraries.just(accept(HostileService.EMPTY_SET, "an empty set, not run")),
            Arbitraries.just(refuse(new Merge(object("deviceSetId", HostileService.EMPTY_SET, "run", true)), "an empty set, run at once")))),
        new Slot("deviceIds", Arbitraries.oneOf(
            Arbitraries.of(list("hx-1"), list("hx-3", "hx-2")).map(ids -> accept(ids, "devices of the set")),
            Arbitraries.of(list(), list("hx-1", "hx-1"), list("hx-1", "nope"), list(Json.NULL), list("a b")).map(ids -> refuse(ids, "not a subset")),
            Arbitraries.of("hx-1", 1, object()).map(v -> refuse(v, "not an array")),
            Arbitraries.of(ABSENT, Json.NULL).map(v -> accept(v, "every device of the set")))),
        new Slot("operations", Arbitraries.oneOf(
            Arbitraries.of(30).map(n -> accept(fanSpeeds(n), "30 operations")),
            Arbitraries.of(0, 31, 200).map(n -> refuse(fanSpeeds(n), n + " operations")),
            Arbitraries.of("x", 1, object()).map(v -> refuse(v, "not an array")),
            Arbitraries.of(ABSENT, Json.NULL).map(v -> refuse(v, "missing")))),
        new Slot("operations[0]", operations()),
        new Slot("operations[0].type", Values.enumOf(List.of("SETTING"), true)),
        new Slot("operations[0].name", Arbitraries.oneOf(
            Arbitraries.just(accept("fanSpeed", "the setting")),
            Arbitraries.of("fanspeed", "temperature", "label", "defrost", "nope", "").map(n -> refuse(n, "not a setting")),
            Hostile.withForbidden().map(n -> refuse(n, "with a forbidden character")),
            Hostile.huge(1000, 100_000).map(n -> refuse(n, "huge")),
            Arbitraries.of(ABSENT, Json.NULL).map(v -> refuse(v, "missing")))),
        new Slot("operations[0].value", Arbitraries.oneOf(
            Arbitraries.of(0, 3, -7, 2.0, new Json.Raw("3e0")).map(v -> accept(v, "an integer")),
            Arbitraries.just(either(new BigInteger("123456789012345678901234567890"), "a huge integer")),
            Arbitraries.of(1.5, "3", "fast", true, list(3), object("v", 3), new Json.Raw("1e400"), new Json.Raw("-1e400"), new Json.Raw("1e-400"))
                .map(v -> refuse(v, "not an integer")),
            Arbitraries.of(ABSENT, Json.NULL).map(v -> refuse(v, "missing")))),
        new Slot("deliveryTimeoutSeconds", Values.wholeNumber(1, 2_592_000, false)),
        new Slot("executionTimeoutSeconds", Values.wholeNumber(1, 2_592_000, false)),
        new Slot("run", Values.bool())));
  }

  /** Whole operations against the template: properties, settings and commands, right and wrong. */
  private static Arbitrary<Value> operations() {
    return Arbitraries.oneOf(
        Hostile.fineText().map(t -> accept(object("type", "PROPERTY", "name", "label", "value", t), "a writable property")),
        Arbitraries.of("\u0007 bell", "\u202eevil", "tab\there", "", "\u0000").map(t -> accept(object("type", "PROPERTY", "name", "label", "value", t),
            "a writable property with control characters (data, sent on as it is)")),
        Arbitraries.of(
            object("type", "COMMAND", "name", "defrost", "parameters", object("minutes", 5)),
            object("type", "COMMAND", "name", "reboot"),
            object("type", "COMMAND", "name", "reboot", "parameters", object()),
            object("type", "SETTING", "name", "fanSpeed", "value", 3.0)).map(o -> accept(o, "fine")),
        Arbitraries.of(
            object("type", "PROPERTY", "name", "label", "value", "\ud800"),
            object("type", "PROPERTY", "name", "label", "value", "a\udfff"),
            object("type", "PROPERTY", "name", "temperature", "value", 1),
            object("type", "COMMAND", "name", "defrost", "parameters", object()),
            object("type", "COMMAND", "name", "defrost", "parameters", object("minutes", "x")),
            object("type", "COMMAND", "name", "defrost", "parameters", object("minutes", new Json.Raw("1e400"))),
            object("type", "COMMAND", "name", "defrost", "parameters", object("minutes", 5, "extra", 1)),
            object("type", "COMMAND", "name", "defrost", "parameters", object("minutes", 5, "\ud800", 1)),
            object("type", "COMMAND", "name", "defrost", "value", 1),
            object("type", "COMMAND", "name", "defrost", "parameters", list(5)),
            object("type", "SETTING", "name", "fanSpeed"),
            object("type", "SETTING", "name", "fanSpeed", "value", 1, "parameters", object("a", 1)),
            object("type", "EXPLODE", "name", "fanSpeed", "value", 1),
            object("name", "fanSpeed", "value", 1),
            object("type", "SETTING", "value", 1)).map(o -> refuse(o, "wrong for the template")),
        Hostile.withForbidden().map(n -> refuse(object("type", "SETTING", "name", n, "value", 1), "a name with a forbidden character")),
        Arbitraries.of("x", 1, list()).map(v -> refuse(v, "not an object")),
        Arbitraries.just(refuse(Json.NULL, "null")));
  }

  private static List<Object> fanSpeeds(int n) {
    List<Object> ops = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ops.add(object("type", "SETTING", "name", "fanSpeed", "value", i));
    }
    return ops;
  }
}
