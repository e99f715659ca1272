package io.fleetjobs.contract.arbitrary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Documents valid against a schema, generated from its facets: every declared property (optional ones present,
 * absent or null where the schema allows null), enums and consts from their lists, strings from their patterns and
 * formats, numbers within their bounds (whole ones sometimes written {@code 2.0}), arrays within their sizes, maps
 * with names their {@code propertyNames} allow, unknown fields wherever the schema allows them, free-form values of
 * any JSON shape.
 */
final class ValidJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Whole numbers up to this are exact as doubles, so {@code 2.0} means 2 in any parser. */
  private static final long EXACT = 1L << 53;

  private ValidJson() {}

  static Arbitrary<JsonNode> of(Facets facets) {
    return of(facets, 0);
  }

  static Arbitrary<JsonNode> of(Facets facets, int depth) {
    List<Facets> alternatives = facets.alternatives();
    if (alternatives.isEmpty()) {
      throw new IllegalStateException("no value satisfies these facets");
    }
    List<Arbitrary<JsonNode>> ways = alternatives.stream().map(a -> single(a, depth)).toList();
    Arbitrary<JsonNode> value = ways.size() == 1 ? ways.get(0) : Arbitraries.oneOf(ways);
    return facets.excluded().isEmpty() ? value : value.filter(v -> !Facets.contains(list(facets.excluded()), v));
  }

  private static Arbitrary<JsonNode> single(Facets f, int depth) {
    List<JsonNode> values = f.enumValues();
    if (values != null) {
      Set<JsonType> types = f.types();
      List<JsonNode> allowed = values.stream().filter(v -> types.contains(JsonType.of(v))).toList();
      return Arbitraries.of(allowed);
    }
    List<JsonType> types = new ArrayList<>(f.types());
    boolean free = types.size() == JsonType.values().length && f.declared().isEmpty() && f.propertyNames() == null;
    if (free) {
      return anyJson(depth);
    }
    List<Tuple.Tuple2<Integer, Arbitrary<JsonNode>>> ways = new ArrayList<>();
    for (JsonType type : types) {
      ways.add(Tuple.of(type == JsonType.NULL ? 1 : 4, ofType(type, f, depth)));
    }
    return Arbitraries.frequencyOf(ways.toArray(Tuple.Tuple2[]::new));
  }

  static Arbitrary<JsonNode> ofType(JsonType type, Facets f, int depth) {
    return switch (type) {
      case NULL -> Arbitraries.just(NODES.nullNode());
      case BOOLEAN -> Arbitraries.of(true, false).map(NODES::booleanNode);
      case INTEGER -> wholeNumbers(f.minimum(), f.maximum());
      case FRACTION -> Arbitraries.doubles().between(-1e9, 1e9).filter(d -> d != Math.rint(d)).map(NODES::numberNode);
      case STRING -> strings(f).map(NODES::textNode);
      case ARRAY -> array(f, depth);
      case OBJECT -> object(f, depth);
    };
  }

  static Arbitrary<String> strings(Facets f) {
    if ("date-time".equals(f.format())) {
      return Timestamps.valid();
    }
    if (f.format() != null) {
      throw new UnsupportedOperationException("format " + f.format() + ": teach the generators");
    }
    return Texts.matching(f.patterns(), f.minInt("minLength"), f.maxInt("maxLength"));
  }

  private static Arbitrary<JsonNode> wholeNumbers(BigDecimal minimum, BigDecimal maximum) {
    BigInteger min = minimum == null ? BigInteger.valueOf(-1_000_000) : minimum.toBigInteger();
    BigInteger max = maximum == null ? BigInteger.valueOf(1_000_000) : maximum.toBigInteger();
    Arbitrary<BigInteger> values = Arbitraries.bigIntegers().between(min, max).withDistribution(net.jqwik.api.RandomDistribution.biased());
    return values.flatMap(v -> v.abs().compareTo(BigInteger.valueOf(EXACT)) < 0
        ? Arbitraries.of(NODES.numberNode(v), NODES.numberNode(new BigDecimal(v).setScale(1))) // 2 or 2.0
        : Arbitraries.just(NODES.numberNode(v)));
  }

  private static Arbitrary<JsonNode> array(Facets f, int depth) {
    int min = f.minInt("minItems");
    int max = f.maxInt("maxItems") < 0 ? min + 3 : f.maxInt("maxItems");
    Arbitrary<Integer> sizes = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.integers().between(min, Math.min(max, min + 3))),
        Tuple.of(1, Arbitraries.just(max)));
    Arbitrary<JsonNode> items = of(f.items(), depth + 1);
    return sizes.flatMap(n -> items.list().ofSize(n)).map(list -> {
      ArrayNode array = NODES.arrayNode();
      list.forEach(array::add);
      return array;
    });
  }

  private static Arbitrary<JsonNode> object(Facets f, int depth) {
    Set<String> required = f.required();
    List<Arbitrary<Optional<Map.Entry<String, JsonNode>>>> fields = new ArrayList<>();
    for (String name : f.declared()) {
      Arbitrary<JsonNode> value = of(f.property(name), depth + 1);
      Arbitrary<Optional<Map.Entry<String, JsonNode>>> entry = value.map(v -> Optional.of(Map.entry(name, v)));
      fields.add(required.contains(name) ? entry
          : Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Optional.empty())), Tuple.of(2, entry)));
    }
    Arbitrary<List<Map.Entry<String, JsonNode>>> extras = extras(f, depth);
    return Combinators.combine(Combinators.combine(fields).as(list -> list), extras).as((declared, more) -> {
      ObjectNode object = NODES.objectNode();
      declared.forEach(e -> e.ifPresent(entry -> object.set(entry.getKey(), entry.getValue())));
      more.forEach(entry -> object.set(entry.getKey(), entry.getValue()));
      return (JsonNode) object;
    }).filter(o -> o.size() >= f.minInt("minProperties") && (f.maxInt("maxProperties") < 0 || o.size() <= f.maxInt("maxProperties")));
  }

  /** Entries of a map ({@code propertyNames}), or unknown fields where the schema allows them. */
  private static Arbitrary<List<Map.Entry<String, JsonNode>>> extras(Facets f, int depth) {
    Facets names = f.propertyNames();
    Set<String> declared = f.declared();
    Arbitrary<String> keys;
    int max;
    if (names != null) {
      keys = strings(names);
      max = f.maxInt("maxProperties") < 0 ? 4 : f.maxInt("maxProperties");
    } else if (f.allowsUndeclared()) {
      keys = Arbitraries.oneOf(Arbitraries.of("firmwareBuild", "vendorExtension", "x"), Texts.any(1, 12));
      max = 2;
    } else {
      return Arbitraries.just(List.of());
    }
    Arbitrary<Map.Entry<String, JsonNode>> entry = Combinators.combine(keys.filter(k -> !declared.contains(k)), of(f.additional(), depth + 1))
        .as(Map::entry);
    int min = names != null ? Math.max(f.minInt("minProperties") - declared.size(), 0) : 0;
    if (max == 0) {
      return Arbitraries.just(List.of());
    }
    return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(List.<Map.Entry<String, JsonNode>>of())),
        Tuple.of(1, entry.list().ofMinSize(Math.max(min, 1)).ofMaxSize(Math.max(max, min)).uniqueElements(Map.Entry::getKey)))
        .filter(list -> list.size() >= min);
  }

  /** Any JSON value: what devices put in free-form fields ({@code value}, {@code details}, property values). */
  static Arbitrary<JsonNode> anyJson(int depth) {
    List<Tuple.Tuple2<Integer, Arbitrary<JsonNode>>> ways = new ArrayList<>(List.of(
        Tuple.of(1, Arbitraries.just(NODES.nullNode())),
        Tuple.of(2, Arbitraries.of(true, false).map(NODES::booleanNode)),
        Tuple.of(3, Arbitraries.longs().map(NODES::numberNode)),
        Tuple.of(2, Arbitraries.doubles().between(-1e12, 1e12).map(NODES::numberNode)),
        Tuple.of(3, Texts.any(0, 20).map(NODES::textNode))));
    if (depth < 3) {
      Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> anyJson(depth + 1));
      ways.add(Tuple.of(1, inner.list().ofMaxSize(3).map(list -> {
        ArrayNode array = NODES.arrayNode();
        list.forEach(array::add);
        return array;
      })));
      ways.add(Tuple.of(1, Combinators.combine(Texts.any(0, 10), inner).as(Map::entry).list().ofMaxSize(3)
          .uniqueElements(Map.Entry::getKey).map(entries -> {
            ObjectNode object = NODES.objectNode();
            entries.forEach(e -> object.set(e.getKey(), e.getValue()));
            return object;
          })));
    }
    return Arbitraries.frequencyOf(ways.toArray(Tuple.Tuple2[]::new));
  }

  private static JsonNode list(List<JsonNode> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }
}
