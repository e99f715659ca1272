package io.fleetjobs.contract.arbitrary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetjobs.contract.ErrorCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * The ways to break one place of a valid document, each derived from the facets there and each with the answer the
 * contract gives: what is required missing, a type not allowed, a value out of range, a text its pattern refuses, a
 * name not in its enum, a bad key in a map, another contract version.
 */
final class FieldBreakages {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private FieldBreakages() {}

  /** Every breakage of {@code place} in {@code document}, each made only when chosen (none when the schema says nothing there). */
  static List<Supplier<Arbitrary<Broken>>> of(Class<?> type, JsonNode document, Places.Place place) {
    List<Supplier<Arbitrary<Broken>>> ways = new ArrayList<>();
    Facets facets = place.facets();
    String path = place.path();
    if (place.required() && place.present() && !place.value().isNull()) {
      if (!place.element()) {
        ways.add(() -> just(type, Breakage.MISSING, "without " + path, place.with(document, null), ErrorCode.MISSING_FIELD, path));
      }
      ways.add(() -> just(type, Breakage.MISSING, path + " null", place.with(document, NODES.nullNode()), ErrorCode.MISSING_FIELD, path));
    }
    List<Facets> alternatives = facets.alternatives();
    List<Facets> unconditional = facets.unconditional().alternatives();
    Set<JsonType> base = EnumSet.noneOf(JsonType.class);
    Set<JsonType> full = EnumSet.noneOf(JsonType.class);
    unconditional.forEach(a -> base.addAll(a.types()));
    alternatives.forEach(a -> full.addAll(a.types()));
    Set<JsonType> wrong = EnumSet.complementOf(EnumSet.copyOf(union(base, JsonType.NULL)));
    for (JsonType t : wrong) {
      ways.add(() -> sampleOf(t).map(v -> Broken.of(type, Breakage.WRONG_TYPE, path + " = " + v, place.with(document, v),
          Expected.refused(ErrorCode.WRONG_TYPE, path))));
    }
    // of a type the schema allows, but not in this branch: error on SUCCEEDED, value on a COMMAND
    for (JsonType t : base) {
      if (t != JsonType.NULL && !full.contains(t)) {
        Facets allowing = unconditional.stream().filter(a -> a.types().contains(t)).findFirst().orElseThrow();
        ways.add(() -> ValidJson.ofType(t, allowing, 1).map(v -> Broken.of(type, Breakage.NOT_IN_THIS_CASE, path + " = " + v,
            place.with(document, v), Expected.refused(ErrorCode.INVALID_FIELD, path))));
      }
    }
    // a map where this branch allows none (parameters on a SETTING): entries made as the unconditional schema allows
    for (Facets a : alternatives) {
      int most = a.types().contains(JsonType.OBJECT) ? a.maxInt("maxProperties") : -1;
      if (most >= 0) {
        alternatives.stream().filter(u -> u.types().contains(JsonType.OBJECT) && u.maxInt("maxProperties") < 0).findFirst()
            .or(() -> alternatives.stream().filter(u -> u.baseTypes().contains(JsonType.OBJECT)).findFirst())
            .ifPresent(u -> ways.add(() -> ValidJson.ofType(JsonType.OBJECT, withoutConditions(u), 1).filter(v -> v.size() > most)
                .map(v -> Broken.of(type, Breakage.NOT_IN_THIS_CASE, path + " = " + v, place.with(document, v),
                    Expected.refused(ErrorCode.INVALID_FIELD, path)))));
      }
    }
    for (Facets a : alternatives) {
      ways.addAll(values(type, document, place, a));
    }
    return ways;
  }

  /** The facets of a place as if no if applied: what the schema allows there in any case. */
  private static Facets withoutConditions(Facets facets) {
    return facets.unconditional();
  }

  /** Breakages of the value itself, for one alternative of the facets there. */
  private static List<Supplier<Arbitrary<Broken>>> values(Class<?> type, JsonNode document, Places.Place place, Facets f) {
    List<Supplier<Arbitrary<Broken>>> ways = new ArrayList<>();
    String path = place.path();
    Set<JsonType> types = f.types();
    List<JsonNode> names = f.enumValues();
    if (names != null && f.follows("contractVersion")) {
      ways.add(() -> otherVersions().map(v -> Broken.of(type, Breakage.OTHER_VERSION, path + " = " + v, place.with(document, v),
          Expected.refused(ErrorCode.UNSUPPORTED_VERSION, path))));
      return ways;
    }
    if (names != null) {
      ways.add(() -> unknownNames(names).map(v -> invalid(type, Breakage.UNKNOWN_NAME, document, place, NODES.textNode(v))));
      return ways;
    }
    if (types.contains(JsonType.INTEGER)) {
      List<JsonNode> out = new ArrayList<>();
      BigDecimal min = f.minimum();
      BigDecimal max = f.maximum();
      if (min != null) {
        out.add(NODES.numberNode(min.toBigInteger().subtract(BigInteger.ONE)));
        out.add(NODES.numberNode(min.toBigInteger().subtract(BigInteger.valueOf(1_000_000_007L))));
      }
      if (max != null) {
        out.add(NODES.numberNode(max.toBigInteger().add(BigInteger.ONE)));
        out.add(NODES.numberNode(new BigInteger("1" + "0".repeat(30))));
      }
      if (!out.isEmpty()) {
        ways.add(() -> Arbitraries.of(out).map(v -> invalid(type, Breakage.OUT_OF_RANGE, document, place, v)));
      }
    }
    if (types.contains(JsonType.STRING)) {
      ways.addAll(texts(type, document, place, f));
    }
    if (types.contains(JsonType.ARRAY)) {
      int min = f.minInt("minItems");
      int max = f.maxInt("maxItems");
      if (min > 0) {
        ways.add(() -> Arbitraries.just(invalid(type, Breakage.OUT_OF_RANGE, document, place, NODES.arrayNode())));
      }
      if (max >= 0) {
        ways.add(() -> ValidJson.of(f.items(), 1).list().ofSize(max + 1).map(list -> {
          var array = NODES.arrayNode();
          list.forEach(array::add);
          return invalid(type, Breakage.OUT_OF_RANGE, document, place, array);
        }));
      }
    }
    if (types.contains(JsonType.OBJECT) && place.present() && place.value().isObject()) {
      ways.addAll(objects(type, document, place, f));
    }
    return ways;
  }

  private static List<Supplier<Arbitrary<Broken>>> texts(Class<?> type, JsonNode document, Places.Place place, Facets f) {
    List<Supplier<Arbitrary<Broken>>> ways = new ArrayList<>();
    if ("date-time".equals(f.format())) {
      ways.add(() -> Timestamps.invalid().map(v -> invalid(type, Breakage.BAD_TEXT, document, place, NODES.textNode(v))));
      return ways;
    }
    List<String> patterns = f.patterns();
    int min = f.minInt("minLength");
    int max = f.maxInt("maxLength");
    if (!patterns.isEmpty()) {
      ways.add(() -> Texts.notMatching(patterns, Math.max(min, 0), max).map(v -> invalid(type, Breakage.BAD_TEXT, document, place, NODES.textNode(v))));
    }
    boolean anchored = patterns.stream().anyMatch(p -> p.startsWith("^") && p.endsWith("$"));
    if (max >= 0 || anchored) {
      ways.add(() -> Texts.longerThan(patterns, max).map(v -> invalid(type, Breakage.OUT_OF_RANGE, document, place, NODES.textNode(v))));
    }
    if (min > 0 || patterns.stream().anyMatch(p -> !Texts.finds(p, ""))) {
      ways.add(() -> Arbitraries.just(invalid(type, Breakage.OUT_OF_RANGE, document, place, NODES.textNode(""))));
    }
    return ways;
  }

  /** A map with a key its names may not have; an empty object where one entry at least is needed. */
  private static List<Supplier<Arbitrary<Broken>>> objects(Class<?> type, JsonNode document, Places.Place place, Facets f) {
    List<Supplier<Arbitrary<Broken>>> ways = new ArrayList<>();
    Facets names = f.propertyNames();
    if (names != null && f.maxInt("maxProperties") != 0) { // a map that may hold no entry here is broken by any entry
      Facets only = names.alternatives().get(0);
      ways.add(() -> net.jqwik.api.Combinators.combine(Arbitraries.oneOf(Texts.notMatching(only.patterns(), 0, -1),
          Texts.longerThan(only.patterns(), only.maxInt("maxLength"))), ValidJson.of(f.additional(), 1)).as((key, value) -> {
        ObjectNode map = place.value().deepCopy();
        map.set(key, value);
        String at = place.path() + "." + key;
        return Broken.of(type, Breakage.BAD_KEY, "key " + at, place.with(document, map), Expected.refused(ErrorCode.INVALID_FIELD, at));
      }));
    }
    if (!f.allowsUndeclared()) {
      ObjectNode more = place.value().deepCopy();
      more.put("firmwareBuild", "2026.11.3");
      String at = place.path() + ".firmwareBuild";
      ways.add(() -> Arbitraries.just(Broken.of(type, Breakage.BAD_KEY, "undeclared " + at, place.with(document, more),
          Expected.refused(ErrorCode.INVALID_FIELD, at))));
    }
    if (f.minInt("minProperties") > 0 && f.required().isEmpty()) {
      ways.add(() -> Arbitraries.just(invalid(type, Breakage.OUT_OF_RANGE, document, place, NODES.objectNode())));
    }
    return ways;
  }

  private static Broken invalid(Class<?> type, Breakage kind, JsonNode document, Places.Place place, JsonNode value) {
    return Broken.of(type, kind, place.path() + " = " + clip(value), place.with(document, value), Expected.refused(ErrorCode.INVALID_FIELD, place.path()));
  }

  private static Arbitrary<Broken> just(Class<?> type, Breakage kind, String what, JsonNode json, ErrorCode code, String field) {
    return Arbitraries.just(Broken.of(type, kind, what, json, Expected.refused(code, field)));
  }

  /** A value of a type, for putting where another belongs. */
  static Arbitrary<JsonNode> sampleOf(JsonType type) {
    return switch (type) {
      case NULL -> Arbitraries.just(NODES.nullNode());
      case BOOLEAN -> Arbitraries.of(true, false).map(NODES::booleanNode);
      case INTEGER -> Arbitraries.of(NODES.numberNode(7), NODES.numberNode(0), NODES.numberNode(-3), NODES.numberNode(1_795_510_800L));
      case FRACTION -> Arbitraries.of(NODES.numberNode(2.5), NODES.numberNode(-0.1), NODES.numberNode(1.0e-7));
      case STRING -> Arbitraries.oneOf(Arbitraries.of("x", "1", "2", "true", "null", "{}"), Texts.any(0, 8)).map(NODES::textNode);
      case ARRAY -> Arbitraries.of(NODES.arrayNode(), NODES.arrayNode().add(1), NODES.arrayNode().add("ONLINE"));
      case OBJECT -> Arbitraries.of(NODES.objectNode(), NODES.objectNode().put("value", 1));
    };
  }

  /** Whole numbers other than 1, inside and outside any integer type's range. */
  private static Arbitrary<JsonNode> otherVersions() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(-5, 1000).filter(v -> v != 1).map(v -> (JsonNode) NODES.numberNode(v)),
        Arbitraries.of(NODES.numberNode(2.0), NODES.numberNode(4_294_967_297L), NODES.numberNode(Long.MIN_VALUE),
            NODES.numberNode(new BigInteger("1" + "0".repeat(25)))));
  }

  /** Names near the enum's (another case, a suffix) and far from it. */
  private static Arbitrary<String> unknownNames(List<JsonNode> names) {
    List<String> near = new ArrayList<>();
    for (JsonNode name : names) {
      String n = name.asText();
      near.add(n.toLowerCase(Locale.ROOT));
      near.add(n + "_");
      near.add(" " + n);
      near.add(n.substring(0, Math.max(1, n.length() - 1)));
    }
    Set<String> known = new java.util.HashSet<>();
    names.forEach(n -> known.add(n.asText()));
    return Arbitraries.oneOf(Arbitraries.of(near), Arbitraries.strings().withCharRange('A', 'Z').withChars('_').ofMinLength(1).ofMaxLength(12),
        Texts.any(0, 6)).filter(s -> !known.contains(s));
  }

  private static Set<JsonType> union(Set<JsonType> types, JsonType more) {
    Set<JsonType> all = EnumSet.copyOf(types.isEmpty() ? EnumSet.of(more) : types);
    all.add(more);
    return all;
  }

  private static String clip(JsonNode value) {
    String text = value.toString();
    return text.length() > 60 ? text.substring(0, 60) + "…" : text;
  }
}
