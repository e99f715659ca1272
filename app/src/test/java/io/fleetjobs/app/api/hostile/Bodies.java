package io.fleetjobs.app.api.hostile;

import io.fleetjobs.app.api.hostile.Case.Expect;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Request bodies made from a valid one: kept valid, one field replaced by a generated value (right, almost right or
 * hostile), one field left out, an unknown field added, or the whole body broken. Each case says what the API must
 * answer. A body is a JSON object or array of maps, lists and values; a field is a JSON path ({@code
 * operations[0].value}, {@code [1].template}).
 */
final class Bodies {

  /** Leaves the field out of the body. */
  static final Object ABSENT = new Object() {
    @Override
    public String toString() {
      return "(absent)";
    }
  };

  /** A value for a field and what the API must do with a body holding it. */
  record Value(Object json, Expect expect, String about) {}

  /** Several top-level fields set at once (the slot's field is the one the API must name). */
  record Merge(Map<String, Object> fields) {
    @Override
    public String toString() {
      return fields.toString();
    }
  }

  /** A field of a body and the values to try in it. */
  record Slot(String path, Arbitrary<Value> values) {}

  private Bodies() {}

  /**
   * A suffix made unique when the request is sent ({@link Case#fresh()}): generated ids never collide with earlier
   * tries, shrunk ones included. Six characters, as the suffix that replaces it, so lengths at a limit stay there.
   */
  static String unique() {
    return Case.UNIQUE;
  }

  static Value accept(Object json, String about) {
    return new Value(json, Expect.ACCEPT, about);
  }

  static Value refuse(Object json, String about) {
    return new Value(json, Expect.REFUSE, about);
  }

  /** Refused, but the fault may be named as the body's: a parser's limit, met before any field is read. */
  static Value refuseBody(Object json, String about) {
    return new Value(json, Expect.REFUSE_BODY, about);
  }

  static Value either(Object json, String about) {
    return new Value(json, Expect.EITHER, about);
  }

  /**
   * Cases for one endpoint: {@code valid} makes a fresh valid body each time (with unique ids), {@code slots} the
   * fields to vary.
   */
  static Arbitrary<Case> cases(String method, String path, Arbitrary<Object> valid, List<Slot> slots) {
    Arbitrary<Case> kept = valid.map(body -> Case.json(method, path, Json.write(body), null, Expect.ACCEPT, "valid"));
    Arbitrary<Case> varied = Arbitraries.of(slots).flatMap(slot -> Combinators.combine(valid, slot.values())
        .as((body, value) -> {
          Object changed = copy(body);
          set(changed, slot.path(), value.json());
          return Case.json(method, path, Json.write(changed), slot.path(), value.expect(), slot.path() + " " + value.about());
        }));
    Arbitrary<Case> extra = Combinators.combine(valid, Arbitraries.oneOf(Hostile.fineKey(), Arbitraries.of("ID", "Name", "admin", "role")),
        Hostile.anyJson()).as((body, key, value) -> {
          Object changed = copy(body);
          @SuppressWarnings("unchecked")
          Map<String, Object> object = (Map<String, Object>) (changed instanceof List<?> list ? list.get(0) : changed);
          String name = object.containsKey(key) ? key + "X" : key;
          object.put(name, value);
          String field = changed instanceof List<?> ? "[0]." + name : name;
          boolean deep = value instanceof Json.Raw raw && raw.text().length() > 1000;
          return Case.json(method, path, Json.write(changed), field, deep ? Expect.REFUSE_BODY : Expect.REFUSE, "unknown field " + name);
        });
    Arbitrary<Case> broken = Hostile.brokenBodies()
        .map(bytes -> new Case(method, path, "application/json", bytes, null, Expect.REFUSE, "broken body"));
    Arbitrary<Case> wrongType = Combinators.combine(valid, Arbitraries.of("text/plain", "application/xml", "application/x-www-form-urlencoded"))
        .as((body, type) -> new Case(method, path, type, Json.write(body).getBytes(StandardCharsets.UTF_8), null, Expect.REFUSE,
            "content type " + type));
    return Arbitraries.frequencyOf(Tuple.of(3, kept), Tuple.of(14, varied), Tuple.of(2, extra), Tuple.of(2, broken), Tuple.of(1, wrongType));
  }

  /** A map literal in insertion order; {@link #ABSENT} values are left out. */
  static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != ABSENT) {
        map.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return map;
  }

  /** A mutable list literal. */
  static List<Object> list(Object... items) {
    return new ArrayList<>(List.of(items));
  }

  @SuppressWarnings("unchecked")
  static Object copy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((k, v) -> out.put(k, copy(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(copy(v)));
      return out;
    }
    return value;
  }

  /** Sets (or, with {@link #ABSENT}, removes) the value at a path like {@code commands[0].parameters[1].name}. */
  @SuppressWarnings("unchecked")
  static void set(Object body, String path, Object value) {
    if (value instanceof Merge merge) {
      ((Map<String, Object>) body).putAll(merge.fields());
      return;
    }
    List<Object> steps = steps(path);
    Object at = body;
    for (int i = 0; i < steps.size() - 1; i++) {
      Object step = steps.get(i);
      at = step instanceof Integer index ? ((List<Object>) at).get(index) : ((Map<String, Object>) at).get((String) step);
    }
    Object last = steps.get(steps.size() - 1);
    if (last instanceof Integer index) {
      List<Object> list = (List<Object>) at;
      if (value == ABSENT) {
        list.remove((int) index);
      } else {
        list.set(index, value);
      }
    } else if (value == ABSENT) {
      ((Map<String, Object>) at).remove((String) last);
    } else {
      ((Map<String, Object>) at).put((String) last, value);
    }
  }

  private static List<Object> steps(String path) {
    List<Object> steps = new ArrayList<>();
    for (String part : path.split("\\.")) {
      int bracket = part.indexOf('[');
      if (bracket != 0) {
        steps.add(bracket < 0 ? part : part.substring(0, bracket));
      }
      while (bracket >= 0) {
        int close = part.indexOf(']', bracket);
        steps.add(Integer.parseInt(part.substring(bracket + 1, close)));
        bracket = part.indexOf('[', close);
      }
    }
    return steps;
  }
}
