package io.fleetjobs.contract.arbitrary;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the schema says about one place of a document: every schema object that applies there ({@code $ref} and
 * {@code allOf} flattened), as a conjunction. Facets that come from an {@code if}/{@code then}/{@code else} are
 * <em>conditional</em>: a value of a type the unconditional facets allow but a branch forbids is an invalid value
 * ({@code error} on SUCCEEDED), not a wrong type. {@code anyOf} and {@code if} are expanded one level at a time, by
 * {@link #alternatives()} for generating and {@link #forValue} for walking a document. Keywords outside the subset the
 * contract's schemas use fail loudly, so a schema change the generators do not understand cannot pass unnoticed.
 */
final class Facets {

  private static final Set<String> KNOWN = Set.of("$schema", "$id", "$comment", "$defs", "$ref", "title", "description", "type",
      "enum", "const", "allOf", "anyOf", "not", "if", "then", "else", "properties", "required", "additionalProperties",
      "propertyNames", "minProperties", "maxProperties", "items", "minItems", "maxItems", "minLength", "maxLength", "pattern",
      "format", "minimum", "maximum");

  /** How a facet applies: as a schema, or as an {@code if} known to hold or to fail for this place. */
  enum Kind { SCHEMA, IF_HOLDS, IF_FAILS }

  /** One schema object in force here; {@code expanded} once its anyOf and if have been chosen. */
  record Facet(SchemaFiles.Located schema, boolean conditional, boolean expanded, Kind kind) {
    JsonNode node() {
      return schema.node();
    }

    /** Whether its keywords constrain the value as a schema would (a failed if constrains only by negation). */
    boolean applies() {
      return kind != Kind.IF_FAILS;
    }
  }

  private final List<Facet> facets;
  /** Values this place must not take: the negation of an {@code if} that named it. */
  private final List<JsonNode> excluded;
  private final Set<String> refs;
  /** Facets never change: what is derived from them is kept (generation asks the same questions many times). */
  private List<Facets> alternatives;
  private Set<JsonType> types;
  private Set<JsonType> baseTypes;

  private Facets(List<Facet> facets, List<JsonNode> excluded, Set<String> refs) {
    this.facets = facets;
    this.excluded = excluded;
    this.refs = refs;
  }

  static Facets of(SchemaFiles.Located schema) {
    return new Facets(List.of(), List.of(), Set.of()).plus(schema, false);
  }

  static Facets anything() {
    return new Facets(List.of(), List.of(), Set.of());
  }

  /** These facets and {@code schema}'s, flattened. */
  Facets plus(SchemaFiles.Located schema, boolean conditional) {
    List<Facet> all = new ArrayList<>(facets);
    Set<String> followed = new LinkedHashSet<>(refs);
    flatten(schema, conditional, all, followed);
    return new Facets(all, excluded, followed);
  }

  private static void flatten(SchemaFiles.Located schema, boolean conditional, List<Facet> into, Set<String> refs) {
    JsonNode node = schema.node();
    if (node.isBoolean()) {
      if (!node.asBoolean()) {
        throw new UnsupportedOperationException("a false schema in " + schema.file());
      }
      return;
    }
    node.fieldNames().forEachRemaining(keyword -> {
      if (!KNOWN.contains(keyword)) {
        throw new UnsupportedOperationException("schema keyword '" + keyword + "' in " + schema.file() + ": teach the generators");
      }
    });
    into.add(new Facet(schema, conditional, false, Kind.SCHEMA));
    if (node.has("$ref")) {
      String ref = node.get("$ref").asText();
      SchemaFiles.Located target = SchemaFiles.resolve(ref, schema.file());
      refs.add(target.file() + ref.substring(Math.max(0, ref.indexOf('#'))));
      flatten(target, conditional, into, refs);
    }
    for (JsonNode part : node.path("allOf")) {
      flatten(new SchemaFiles.Located(part, schema.file()), conditional, into, refs);
    }
  }

  /** Whether this place follows the shared definition {@code name} ({@code contractVersion}, {@code id}, ...). */
  boolean follows(String name) {
    return refs.contains("defs.schema.json#/$defs/" + name);
  }

  // ---- expansion of anyOf and if/then/else, one level ----

  /** Every way to satisfy these facets at this level, each with its anyOf branches and if outcomes chosen. */
  List<Facets> alternatives() {
    if (alternatives == null) {
      alternatives = List.copyOf(expand());
    }
    return alternatives;
  }

  private List<Facets> expand() {
    for (int i = 0; i < facets.size(); i++) {
      Facet f = facets.get(i);
      if (f.expanded()) {
        continue;
      }
      List<Facets> result = new ArrayList<>();
      Facets rest = withExpanded(i);
      JsonNode anyOf = f.node().get("anyOf");
      JsonNode condition = f.node().get("if");
      List<Facets> choices = new ArrayList<>();
      if (anyOf != null) {
        for (JsonNode branch : anyOf) {
          choices.add(rest.plus(new SchemaFiles.Located(branch, f.schema().file()), f.conditional()));
        }
      } else {
        choices.add(rest);
      }
      for (Facets choice : choices) {
        if (condition == null) {
          result.addAll(choice.alternatives());
          continue;
        }
        String file = f.schema().file();
        Facets then = choice.with(new Facet(new SchemaFiles.Located(condition, file), true, true, Kind.IF_HOLDS));
        if (f.node().has("then")) {
          then = then.plus(new SchemaFiles.Located(f.node().get("then"), file), true);
        }
        result.addAll(then.alternatives());
        IfForm.of(condition); // only the form it can negate
        Facets otherwise = choice.with(new Facet(new SchemaFiles.Located(condition, file), true, true, Kind.IF_FAILS));
        if (f.node().has("else")) {
          otherwise = otherwise.plus(new SchemaFiles.Located(f.node().get("else"), file), true);
        }
        result.addAll(otherwise.alternatives());
      }
      return result;
    }
    return types().isEmpty() ? List.of() : List.of(this);
  }

  /** The alternative {@code value} follows: anyOf branches by its type, an if by evaluating it on the value. */
  Facets forValue(JsonNode value) {
    JsonType type = JsonType.of(value);
    List<Facets> fitting = new ArrayList<>();
    for (Facets alternative : alternatives()) {
      if (alternative.types().contains(type) && alternative.conditionHolds(value)) {
        fitting.add(alternative);
      }
    }
    if (fitting.isEmpty()) {
      return null; // the value follows none: it is already invalid here
    }
    return fitting.get(fitting.size() - 1); // the most specific: branches listed after null ones
  }

  private Facets with(Facet facet) {
    List<Facet> all = new ArrayList<>(facets);
    all.add(facet);
    return new Facets(all, excluded, refs);
  }

  /** Whether the ifs chosen for this alternative hold (or fail) on {@code value} as chosen. */
  private boolean conditionHolds(JsonNode value) {
    for (Facet f : facets) {
      if (f.kind() != Kind.SCHEMA && IfForm.of(f.node()).holds(value) != (f.kind() == Kind.IF_HOLDS)) {
        return false;
      }
    }
    return true;
  }

  private Facets withExpanded(int index) {
    List<Facet> all = new ArrayList<>(facets);
    Facet f = all.get(index);
    all.set(index, new Facet(f.schema(), f.conditional(), true, f.kind()));
    return new Facets(all, excluded, refs);
  }

  // ---- what the facets allow ----

  private List<Facet> applied() {
    return facets.stream().filter(Facet::applies).toList();
  }

  /** The types allowed here by every facet, conditional ones included. */
  Set<JsonType> types() {
    if (types == null) {
      types = java.util.Collections.unmodifiableSet(types(true));
    }
    return types;
  }

  /** The types the unconditional facets allow: a value of another type is a wrong type. */
  Set<JsonType> baseTypes() {
    if (baseTypes == null) {
      baseTypes = java.util.Collections.unmodifiableSet(types(false));
    }
    return baseTypes;
  }

  private Set<JsonType> types(boolean withConditional) {
    Set<JsonType> allowed = EnumSet.allOf(JsonType.class);
    for (Facet f : facets) {
      if (!f.applies() || (f.conditional() && !withConditional)) {
        continue;
      }
      JsonNode type = f.node().get("type");
      if (type != null) {
        Set<JsonType> named = EnumSet.noneOf(JsonType.class);
        (type.isArray() ? type : list(type)).forEach(t -> named.addAll(JsonType.named(t.asText())));
        allowed.retainAll(named);
      }
      JsonNode values = f.node().has("const") ? list(f.node().get("const")) : f.node().get("enum");
      if (values != null) {
        Set<JsonType> of = EnumSet.noneOf(JsonType.class);
        values.forEach(v -> of.add(JsonType.of(v)));
        allowed.retainAll(of);
      }
      JsonNode not = f.node().get("not");
      if (not != null) {
        if (not.size() != 1 || !not.has("type")) {
          throw new UnsupportedOperationException("'not' other than {\"type\": ...}: teach the generators");
        }
        allowed.removeAll(JsonType.named(not.get("type").asText()));
      }
    }
    return allowed;
  }

  /** The values an enum or const allows here (all of them agreeing), or null when any value of the type will do. */
  List<JsonNode> enumValues() {
    List<JsonNode> values = null;
    for (Facet f : applied()) {
      JsonNode listed = f.node().has("const") ? list(f.node().get("const")) : f.node().get("enum");
      if (listed != null) {
        List<JsonNode> these = new ArrayList<>();
        listed.forEach(these::add);
        if (values == null) {
          values = these;
        } else {
          values.retainAll(these);
        }
      }
    }
    if (values != null) {
      values.removeIf(v -> contains(excludedValues(), v));
    }
    return values;
  }

  private JsonNode excludedValues() {
    com.fasterxml.jackson.databind.node.ArrayNode all = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    excluded.forEach(all::add);
    return all;
  }

  BigDecimal minimum() {
    return bound("minimum", true);
  }

  BigDecimal maximum() {
    return bound("maximum", false);
  }

  private BigDecimal bound(String keyword, boolean lower) {
    BigDecimal bound = null;
    for (Facet f : applied()) {
      if (f.node().has(keyword)) {
        BigDecimal b = f.node().get(keyword).decimalValue();
        bound = bound == null ? b : lower ? bound.max(b) : bound.min(b);
      }
    }
    return bound;
  }

  int minInt(String keyword) {
    int min = 0;
    for (Facet f : applied()) {
      min = Math.max(min, f.node().path(keyword).asInt(0));
    }
    return min;
  }

  /** The smallest of a {@code max...} keyword, or -1 when there is none. */
  int maxInt(String keyword) {
    int max = -1;
    for (Facet f : applied()) {
      if (f.node().has(keyword)) {
        int m = f.node().get(keyword).asInt();
        max = max < 0 ? m : Math.min(max, m);
      }
    }
    return max;
  }

  List<String> patterns() {
    List<String> patterns = new ArrayList<>();
    applied().forEach(f -> {
      if (f.node().has("pattern")) {
        patterns.add(f.node().get("pattern").asText());
      }
    });
    return patterns;
  }

  String format() {
    for (Facet f : applied()) {
      if (f.node().has("format")) {
        return f.node().get("format").asText();
      }
    }
    return null;
  }

  /** The facets of the elements of an array here. */
  Facets items() {
    Facets items = anything();
    for (Facet f : applied()) {
      if (f.node().has("items")) {
        items = items.plus(new SchemaFiles.Located(f.node().get("items"), f.schema().file()), f.conditional());
      }
    }
    return items;
  }

  /** The facets of property {@code name} of an object here; an if's negation carries over as excluded values. */
  Facets property(String name) {
    Facets property = anything();
    List<JsonNode> notIn = new ArrayList<>();
    for (Facet f : facets) {
      JsonNode schema = f.node().path("properties").get(name);
      if (schema != null && f.applies()) {
        property = property.plus(new SchemaFiles.Located(schema, f.schema().file()), f.conditional());
      }
      if (!f.applies() && IfForm.of(f.node()).property().equals(name)) {
        IfForm.of(f.node()).values().forEach(notIn::add);
      }
    }
    if (!declared().contains(name)) {
      property = additional();
    }
    return new Facets(property.facets, notIn, property.refs);
  }

  /** The properties any facet declares, in the order the schema lists them. */
  Set<String> declared() {
    Set<String> names = new LinkedHashSet<>();
    applied().forEach(f -> f.node().path("properties").fieldNames().forEachRemaining(names::add));
    return names;
  }

  Set<String> required() {
    return required(true);
  }

  /** What is required whatever the branch: a field missing here is missing, whatever else the document says. */
  Set<String> required(boolean withConditional) {
    Set<String> names = new LinkedHashSet<>();
    applied().forEach(f -> {
      if (withConditional || !f.conditional()) {
        f.node().path("required").forEach(n -> names.add(n.asText()));
      }
    });
    return names;
  }

  /** The facets of a property no facet declares: {@code additionalProperties}' schema, or anything. */
  Facets additional() {
    Facets extra = anything();
    for (Facet f : applied()) {
      JsonNode additional = f.node().get("additionalProperties");
      if (additional != null && additional.isObject()) {
        extra = extra.plus(new SchemaFiles.Located(additional, f.schema().file()), f.conditional());
      }
    }
    return extra;
  }

  /** Whether properties no facet declares are allowed at all. */
  boolean allowsUndeclared() {
    return applied().stream().noneMatch(f -> f.node().path("additionalProperties").isBoolean()
        && !f.node().get("additionalProperties").asBoolean());
  }

  /** The facets the names of this object's properties follow, or null when any name will do. */
  Facets propertyNames() {
    Facets names = null;
    for (Facet f : applied()) {
      if (f.node().has("propertyNames")) {
        SchemaFiles.Located schema = new SchemaFiles.Located(f.node().get("propertyNames"), f.schema().file());
        names = names == null ? Facets.of(schema) : names.plus(schema, false);
      }
    }
    return names;
  }

  /** Whether no schema object applies here: any JSON value will do. */
  boolean isAnything() {
    return facets.stream().allMatch(f -> f.kind() == Kind.SCHEMA && onlyAnnotations(f.node()));
  }

  private static boolean onlyAnnotations(JsonNode node) {
    java.util.Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      if (!Set.of("description", "title", "$comment").contains(names.next())) {
        return false;
      }
    }
    return true;
  }

  /** These facets without the conditional ones: what the schema allows here whatever branch applies. */
  Facets unconditional() {
    return new Facets(facets.stream().filter(f -> !f.conditional()).toList(), List.of(), refs);
  }

  /** Whether a conditional facet says something here: generated values then need a branch chosen. */
  boolean hasConditional() {
    return facets.stream().anyMatch(Facet::conditional);
  }

  List<JsonNode> excluded() {
    return excluded;
  }

  static boolean contains(JsonNode list, JsonNode value) {
    for (JsonNode v : list) {
      if (v.equals(value) || (v.isNumber() && value.isNumber() && v.decimalValue().compareTo(value.decimalValue()) == 0)) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode list(JsonNode single) {
    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(single);
  }

  /** The one form of {@code if} the contract's schemas use: a property that is one of some values. */
  private record IfForm(String property, JsonNode values) {
    static IfForm of(JsonNode condition) {
      JsonNode required = condition.path("required");
      JsonNode properties = condition.path("properties");
      if (condition.size() != 2 || required.size() != 1 || properties.size() != 1) {
        throw new UnsupportedOperationException("an 'if' other than {required: [k], properties: {k: {const|enum}}}: " + condition);
      }
      String key = required.get(0).asText();
      JsonNode schema = properties.get(key);
      JsonNode values = schema == null ? null : schema.has("const") ? list(schema.get("const")) : schema.get("enum");
      if (values == null || schema.size() != 1) {
        throw new UnsupportedOperationException("an 'if' other than {required: [k], properties: {k: {const|enum}}}: " + condition);
      }
      return new IfForm(key, values);
    }

    /** JSON Schema's reading: the property is there (null included) and one of the values. */
    boolean holds(JsonNode value) {
      return value.isObject() && value.has(property) && contains(values, value.get(property));
    }
  }
}
