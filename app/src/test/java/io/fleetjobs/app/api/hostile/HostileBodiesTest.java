package io.fleetjobs.app.api.hostile;

import static io.fleetjobs.app.api.hostile.Bodies.ABSENT;
import static io.fleetjobs.app.api.hostile.Bodies.accept;
import static io.fleetjobs.app.api.hostile.Bodies.list;
import static io.fleetjobs.app.api.hostile.Bodies.object;
import static io.fleetjobs.app.api.hostile.Bodies.refuse;
import static io.fleetjobs.app.api.hostile.Bodies.refuseBody;
import static io.fleetjobs.app.api.hostile.Bodies.unique;

import io.fleetjobs.app.api.hostile.Bodies.Slot;
import io.fleetjobs.app.api.hostile.Bodies.Value;
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
 * Hostile bodies for what operators define: templates, devices (one and in bulk), device sets. Every answer is a
 * success or a problem naming the field in the API's words; a refused body changes nothing; an accepted name is
 * stored and shown as sent.
 */
class HostileBodiesTest {

  private static final List<String> TYPES = List.of("STRING", "INTEGER", "NUMBER", "BOOLEAN");
  private static final List<String> OPERATORS = List.of("EQ", "NE", "GT", "GE", "LT", "LE", "CONTAINS", "EXISTS");

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

  @Property(tries = 150)
  void everyTemplateBodyIsAcceptedOrRefusedNamingItsFieldAndARefusalChangesNothing(@ForAll("templates") Case c) {
    HostileService.Sent sent = service.judge(c);
    if (sent.status() == 201) {
      Verdicts.roundTrips(sent.request(), sent.reply().json(), List.of("name", "description"));
      Verdicts.roundTrips(sent.request(), service.admin().get(sent.reply().location()).json(), List.of("name", "description"));
    }
  }

  @Property(tries = 150)
  void everyDeviceBodyIsAcceptedOrRefusedNamingItsFieldAndARefusalChangesNothing(@ForAll("devices") Case c) {
    HostileService.Sent sent = service.judge(c);
    if (sent.status() == 201) {
      Verdicts.roundTrips(sent.request(), sent.reply().json(), List.of("name", "attributes"));
      Verdicts.roundTrips(sent.request(), service.admin().get(sent.reply().location()).json(), List.of("name", "attributes"));
    }
  }

  @Property(tries = 60)
  void aBulkRegistrationIsAllOrNothingAndNamesTheRowAtFault(@ForAll("bulks") Case c) {
    service.judge(c);
  }

  @Property(tries = 150)
  void everyDeviceSetBodyIsAcceptedOrRefusedNamingItsFieldAndARefusalChangesNothing(@ForAll("deviceSets") Case c) {
    HostileService.Sent sent = service.judge(c);
    if (sent.status() == 201) {
      Verdicts.roundTrips(sent.request(), sent.reply().json(), List.of("name", "description"));
      Verdicts.roundTrips(sent.request(), service.admin().get(sent.reply().location()).json(), List.of("name", "description"));
    }
  }

  @Provide
  Arbitrary<Case> templates() {
    Arbitrary<Object> valid = Arbitraries.create(() -> object(
        "id", "ht." + unique(), "name", "Hostile fridge", "description", "Cold\nand hostile",
        "properties", list(object("name", "temperature", "type", "NUMBER", "writable", false)),
        "settings", list(object("name", "fanSpeed", "type", "INTEGER")),
        "commands", list(object("name", "defrost", "parameters", list(object("name", "minutes", "type", "INTEGER", "required", true))))));
    return Bodies.cases("POST", "/api/templates", valid, List.of(
        new Slot("id", Values.id(true)),
        new Slot("name", Values.name(200, true)),
        new Slot("description", Values.description(2000)),
        new Slot("properties", Values.listOf(Arbitraries.of(list(), list(object("name", "a", "type", "STRING"))).map(l -> accept(l, "fine")), false)),
        new Slot("properties[0].name", Values.key()),
        new Slot("properties[0].type", Values.enumOf(TYPES, true)),
        new Slot("properties[0].writable", Values.bool()),
        new Slot("settings[0].name", Values.key()),
        new Slot("settings[0].type", Values.enumOf(TYPES, true)),
        new Slot("commands", Values.listOf(Arbitraries.just(accept(list(), "none")), false)),
        new Slot("commands[0].name", Values.key()),
        new Slot("commands[0].parameters", Values.listOf(Arbitraries.just(accept(list(), "none")), false)),
        new Slot("commands[0].parameters[0].name", Values.key()),
        new Slot("commands[0].parameters[0].required", Values.bool())));
  }

  @Provide
  Arbitrary<Case> devices() {
    return Bodies.cases("POST", "/api/devices", Arbitraries.create(HostileBodiesTest::device), deviceSlots(""));
  }

  @Provide
  Arbitrary<Case> bulks() {
    Arbitrary<Object> valid = Arbitraries.create(() -> list(device(), device(), device()));
    return Bodies.cases("POST", "/api/devices/bulk", valid, deviceSlots("[1]."));
  }

  private static Map<String, Object> device() {
    return object("id", "hd." + unique(), "name", "Fridge of the hostile", "template", HostileService.TEMPLATE,
        "attributes", object("region", "east"), "transport", "MQTT");
  }

  private static List<Slot> deviceSlots(String row) {
    return List.of(
        new Slot(row + "id", Values.id(true)),
        new Slot(row + "name", Values.name(200, false)),
        new Slot(row + "template", Values.reference(HostileService.TEMPLATE)),
        new Slot(row + "attributes", Values.attributes()),
        new Slot(row + "transport", Values.enumOf(List.of("MQTT", "COAP"), false)),
        new Slot(row + "gatewayId", Arbitraries.oneOf(
            Arbitraries.just(accept(HostileService.DEVICES.get(0), "a registered device")),
            Hostile.fineId().map(id -> refuse(id + ".none", "of nothing")),
            Hostile.badId().map(id -> refuse(id, "not an id")),
            Arbitraries.of(ABSENT, Json.NULL).map(v -> accept(v, "none")))));
  }

  @Provide
  Arbitrary<Case> deviceSets() {
    Arbitrary<Object> valid = Arbitraries.create(() -> object(
        "id", "hs." + unique(), "name", "Hostile set", "description", "Sets of the hostile", "template", HostileService.TEMPLATE,
        "conditions", list(object("field", "attributes.region", "operator", "EQ", "value", "north"))));
    return Bodies.cases("POST", "/api/device-sets", valid, List.of(
        new Slot("id", Values.id(false)),
        new Slot("name", Values.name(200, true)),
        new Slot("description", Values.description(2000)),
        new Slot("template", Values.reference(HostileService.TEMPLATE)),
        new Slot("conditions", Values.listOf(Arbitraries.oneOf(
            Arbitraries.just(accept(list(), "none: every device of the template")),
            Arbitraries.just(refuse(new Bodies.Merge(object("conditions", list(object("field", "id", "operator", "EXISTS")),
                "deviceIds", list("hx-1"))), "beside deviceIds"))), false)),
        new Slot("conditions[0]", conditions()),
        new Slot("conditions[0].field", conditionFields()),
        new Slot("conditions[0].operator", Values.enumOf(OPERATORS, true)),
        new Slot("conditions[0].value", conditionValues()),
        new Slot("deviceIds", Arbitraries.oneOf(
            Arbitraries.just(accept(new Bodies.Merge(object("conditions", list(), "deviceIds", list("hx-1", "hx-2"))), "a list")),
            Arbitraries.just(refuse(new Bodies.Merge(object("conditions", list(), "deviceIds", list("hx-1", "hx-1"))), "a device twice")),
            Arbitraries.just(refuse(new Bodies.Merge(object("conditions", list(), "deviceIds", list("hx-1", "nope"))), "a device of nothing")),
            Hostile.badId().map(id -> refuse(new Bodies.Merge(object("conditions", list(), "deviceIds", list(id))), "a bad id"))))));
  }

  private static Arbitrary<Value> conditions() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            object("field", "attributes.region", "operator", "IN", "value", list("north", "south")),
            object("field", "online", "operator", "EQ", "value", true),
            object("field", "properties.temperature", "operator", "GT", "value", 3.5),
            object("field", "properties.fanSpeed", "operator", "LE", "value", 2),
            object("field", "name", "operator", "CONTAINS", "value", "fridge"),
            object("field", "attributes.region", "operator", "EXISTS")).map(c -> accept(c, "fine")),
        Arbitraries.of(
            object("field", "attributes.region", "operator", "IN", "value", "north"),
            object("field", "attributes.region", "operator", "EQ"),
            object("field", "attributes.region", "operator", "EQ", "value", Json.NULL),
            object("operator", "EQ", "value", "x"),
            object("field", "id", "value", "x")).map(c -> refuse(c, "incomplete")),
        Arbitraries.of("x", 42, list()).map(v -> refuse(v, "not an object")),
        Arbitraries.just(refuse(Json.NULL, "null")));
  }

  private static Arbitrary<Value> conditionFields() {
    return Arbitraries.oneOf(
        Arbitraries.of("id", "name", "online", "properties.temperature", "properties.label", "properties.fanSpeed")
            .map(f -> accept(f, "a field of every device or the template")),
        Hostile.fineKey().map(k -> accept("attributes." + k, "an attribute")),
        Hostile.badKey().map(k -> refuse("attributes." + k, "an attribute by a bad name")),
        Arbitraries.of("attributes.", "attributes", "properties.", "properties.nope", "properties.defrost", "bogus", "", " ", "ID",
            "attributes.a.b", "attributes.region ").map(f -> refuse(f, "no such field")),
        Hostile.withForbidden().map(f -> refuse(f, "with a forbidden character")),
        Arbitraries.of(ABSENT, Json.NULL).map(v -> refuse(v, "missing")),
        Arbitraries.of(42, list("id")).map(v -> refuse(v, "not a string")));
  }

  private static Arbitrary<Value> conditionValues() {
    return Arbitraries.oneOf(
        Arbitraries.of("north", "", 42, 2.5, true, list("a", 1), object("a", 1)).map(v -> accept(v, "any JSON")),
        Hostile.fineText().map(v -> accept(v, "fine text")),
        Arbitraries.of("\u0000", "a\u0007b", "\u202eevil").map(v -> accept(v, "text with controls")),
        Arbitraries.of("\ud800", "x\udfffy").map(v -> refuse(v, "a lone surrogate")),
        Arbitraries.of(new Json.Raw("1e400"), new Json.Raw("-1e400")).map(v -> refuse(v, "a number past every double")),
        Hostile.deepNesting().map(v -> ((Json.Raw) v).text().length() > 1500 ? refuseBody(v, "nested too deep") : accept(v, "nested")),
        Arbitraries.of(ABSENT, Json.NULL).map(v -> refuse(v, "missing")));
  }
}
