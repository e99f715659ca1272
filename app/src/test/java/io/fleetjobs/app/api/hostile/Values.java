package io.fleetjobs.app.api.hostile;

import static io.fleetjobs.app.api.hostile.Bodies.ABSENT;
import static io.fleetjobs.app.api.hostile.Bodies.accept;
import static io.fleetjobs.app.api.hostile.Bodies.either;
import static io.fleetjobs.app.api.hostile.Bodies.refuse;
import static io.fleetjobs.app.api.hostile.Bodies.unique;

import io.fleetjobs.app.api.hostile.Bodies.Value;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** The values to try in each kind of field, each with what the API must do with it. */
final class Values {

  private Values() {}


  /** A display name of at most {@code max} UTF-16 units; {@code required} or optional (absent and null allowed). */
  static Arbitrary<Value> name(int max, boolean required) {
    return Arbitraries.oneOf(
        Hostile.fineText().map(s -> accept(s, "fine text")),
        Hostile.fineTextOfLength(max).map(s -> accept(s, "at its limit of " + max)),
        Arbitraries.integers().between(max + 1, max + 30).flatMap(Hostile::fineTextOfLength).map(s -> refuse(s, "past its limit")),
        Hostile.huge(20_000, 200_000).map(s -> refuse(s, "huge")),
        Hostile.withForbidden().map(s -> refuse(s, "with a forbidden character")),
        Arbitraries.of("", " ", "\t", "   ").map(s -> refuse(s, "blank")),
        Arbitraries.of(ABSENT, Json.NULL).map(v -> required ? refuse(v, "missing") : accept(v, "left out")),
        Arbitraries.of(42, true, 1.5).map(v -> refuse(v, "not a string")),
        Arbitraries.of(List.of("a"), Map.of("a", 1)).map(v -> refuse(v, "not a string")));
  }

  /** A description: multi-line text of at most {@code max}, optional. */
  static Arbitrary<Value> description(int max) {
    return Arbitraries.oneOf(
        Hostile.fineParagraphs().map(s -> accept(s, "fine paragraphs")),
        Hostile.fineTextOfLength(max).map(s -> accept(s, "at its limit of " + max)),
        Hostile.fineTextOfLength(max + 1).map(s -> refuse(s, "past its limit")),
        Hostile.withForbiddenInDescription().map(s -> refuse(s, "with a forbidden character")),
        Arbitraries.of(ABSENT, Json.NULL, "").map(v -> accept(v, "left out or empty")),
        Arbitraries.of(List.of(), Map.of()).map(v -> refuse(v, "not a string")));
  }

  /** An id by the contract's rule; {@code fresh} ids are accepted (unique), others refused. */
  static Arbitrary<Value> id(boolean required) {
    return Arbitraries.oneOf(
        Hostile.fineId().map(s -> accept(s + "." + unique(), "fresh id")),
        Arbitraries.just(0).map(x -> {
          String u = "." + unique();
          return accept("m".repeat(128 - u.length()) + u, "at its limit of 128");
        }),
        Hostile.badId().map(s -> refuse(s, "not an id")),
        Arbitraries.of(ABSENT, Json.NULL).map(v -> required ? refuse(v, "missing") : accept(v, "left out")),
        Arbitraries.of(List.of("a"), Map.of()).map(v -> refuse(v, "not a string")));
  }

  /** A reference to something that must exist: {@code existing}, or ids of nothing. */
  static Arbitrary<Value> reference(String existing) {
    return Arbitraries.oneOf(
        Arbitraries.just(accept(existing, "existing")),
        Hostile.fineId().map(s -> refuse(s + ".none", "of nothing")),
        Hostile.badId().map(s -> refuse(s, "not an id")),
        Arbitraries.of(ABSENT, Json.NULL).map(v -> refuse(v, "missing")),
        Arbitraries.of(List.of(existing), Map.of("id", existing)).map(v -> refuse(v, "not a string")));
  }

  /** One of {@code names} (as the API spells them); anything else refused. */
  static Arbitrary<Value> enumOf(List<String> names, boolean required) {
    return Arbitraries.oneOf(
        Arbitraries.of(names).map(n -> accept(n, "a known value")),
        Arbitraries.of(names).map(n -> refuse(n.toLowerCase(java.util.Locale.ROOT).equals(n) ? n.toUpperCase(java.util.Locale.ROOT) : n.toLowerCase(java.util.Locale.ROOT), "in the wrong case")),
        Arbitraries.of("DONE", "", " ", "PIGEON", "0").map(n -> refuse(n, "unknown")),
        Hostile.withForbidden().map(s -> refuse(s, "with a forbidden character")),
        Arbitraries.of(0, 1, 2, -1).map(n -> refuse(n, "a number")),
        Arbitraries.of(ABSENT, Json.NULL).map(v -> required ? refuse(v, "missing") : accept(v, "left out")),
        Arbitraries.of(List.of(names.get(0)), Map.of()).map(v -> refuse(v, "not a string")));
  }

  /** A whole number from {@code min} to {@code max}; optional ones may be left out. */
  static Arbitrary<Value> wholeNumber(long min, long max, boolean required) {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(min, max).map(n -> accept(n, "in range")),
        Arbitraries.of(min, max).map(n -> accept(n, "at a bound")),
        Arbitraries.of(min - 1, max + 1, -1L, Long.MIN_VALUE, Long.MAX_VALUE).filter(n -> n < min || n > max)
            .map(n -> refuse(n, "out of range")),
        Arbitraries.of(new java.math.BigInteger("99999999999999999999999999"), new Json.Raw("1e400"), new Json.Raw("-1e400"))
            .map(n -> refuse(n, "huge")),
        Arbitraries.of(1.5, 0.5, new Json.Raw("2.0000001")).map(n -> refuse(n, "not whole")),
        Arbitraries.of("soon", "", "ten", "1 0", "5", String.valueOf(min)).map(s -> refuse(s, "text")),
        Arbitraries.of(ABSENT, Json.NULL).map(v -> required ? refuse(v, "missing") : accept(v, "left out")),
        Arbitraries.of(List.of(1), Map.of("seconds", 1), true).map(v -> refuse(v, "not a number")));
  }

  /** true or false; optional. */
  static Arbitrary<Value> bool() {
    return Arbitraries.oneOf(
        Arbitraries.of(true, false).map(b -> accept(b, "a boolean")),
        Arbitraries.of("maybe", "yes", "", "on", "true", "false").map(s -> refuse(s, "text")),
        Arbitraries.of(ABSENT, Json.NULL).map(v -> accept(v, "left out")),
        Arbitraries.of(List.of(true), Map.of(), 2.5, 1, 0).map(v -> refuse(v, "not a boolean")));
  }

  /** An ISO-8601 instant in the future; optional. */
  static Arbitrary<Value> futureInstant() {
    return Arbitraries.oneOf(
        Arbitraries.of("2099-01-01T00:00:00Z", "2030-06-15T12:30:00.123456789Z", "9999-12-31T23:59:59.999999999Z").map(s -> accept(s, "in the future")),
        Arbitraries.of("2000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z").map(s -> refuse(s, "in the past")),
        Arbitraries.of("+1000000000-12-31T23:59:59.999999999Z", "+999999999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z")
            .map(s -> refuse(s, "past the year 9999, where databases end")),
        Arbitraries.of("tomorrow", "", "2099-13-01T00:00:00Z", "2099-01-01", "2099-01-01T00:00:00", "2099-01-01T00:00:00+25:00")
            .map(s -> refuse(s, "not an instant")),
        Arbitraries.of(ABSENT, Json.NULL).map(v -> accept(v, "left out")),
        Arbitraries.of(List.of(), Map.of(), true).map(v -> refuse(v, "not a string")));
  }

  /** A list slot: as given by {@code fine}, or broken as a whole. */
  static Arbitrary<Value> listOf(Arbitrary<Value> fine, boolean required) {
    return Arbitraries.oneOf(
        fine,
        Arbitraries.of("x", 42, Map.of()).map(v -> refuse(v, "not an array")),
        Arbitraries.just(java.util.Collections.singletonList(null)).map(v -> refuse(v, "holding null")),
        Arbitraries.of(ABSENT, Json.NULL).map(v -> required ? refuse(v, "missing") : accept(v, "left out")));
  }

  /** A name by the contract's rule (properties, settings, commands, parameters, attribute keys). */
  static Arbitrary<Value> key() {
    return Arbitraries.oneOf(
        Hostile.fineKey().map(k -> accept(k + unique(), "fine")),
        Arbitraries.just(accept("k" + "x".repeat(63), "at its limit of 64")),
        Hostile.badKey().map(k -> refuse(k, "not a name")),
        Arbitraries.of(ABSENT, Json.NULL).map(v -> refuse(v, "missing")),
        Arbitraries.of(42, List.of("a"), Map.of()).map(v -> refuse(v, "not a string")));
  }

  /** A device's attributes: names by the contract's rule, values of at most 256 characters of fine text. */
  static Arbitrary<Value> attributes() {
    return Arbitraries.oneOf(
        Arbitraries.maps(Hostile.fineKey(), Hostile.fineText()).ofMaxSize(4).map(m -> accept(Bodies.copy(m), "fine")),
        Arbitraries.just(accept(Map.of("k" + "x".repeat(63), "v"), "a name at its limit")),
        Hostile.fineTextOfLength(256).map(v -> accept(Map.of("region", v), "a value at its limit")),
        Hostile.fineTextOfLength(257).map(v -> refuse(Map.of("region", v), "a value past its limit")),
        Hostile.badKey().map(k -> refuse(Map.of(k, "v"), "a bad name")),
        Hostile.withForbidden().map(v -> refuse(Map.of("region", v), "a value with a forbidden character")),
        Arbitraries.of(Map.of("region", 42), Map.of("region", true)).map(m -> refuse(m, "a value not a string")),
        Arbitraries.of(Map.of("region", List.of()), Map.of("region", Map.of())).map(m -> refuse(m, "a value not a string")),
        Arbitraries.just(refuse(java.util.Collections.singletonMap("region", null), "a null value")),
        Arbitraries.of("x", 42, List.of("region")).map(v -> refuse(v, "not an object")),
        Arbitraries.of(ABSENT, Json.NULL, Map.of()).map(v -> accept(v, "none")));
  }
}
