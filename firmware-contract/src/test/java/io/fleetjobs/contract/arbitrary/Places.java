package io.fleetjobs.contract.arbitrary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every place of a document the schema says something about, with the facets in force there: each property present,
 * each declared one absent (it may be added), each array element. Walking follows the document: an {@code anyOf}
 * branch by the value's type, an {@code if} by evaluating it on the object it sits in.
 */
final class Places {

  /**
   * One place: its path as the records name it ({@code operations[1].name}), the steps to reach it, the facets there
   * (of the object holding it, resolved for that object's value), its value (null when absent) and whether it is
   * required there.
   */
  record Place(String path, List<Object> steps, Facets facets, JsonNode value, boolean required, boolean element) {

    boolean present() {
      return value != null;
    }

    /** The document with this place set to {@code replacement} (null: removed). */
    JsonNode with(JsonNode document, JsonNode replacement) {
      JsonNode copy = document.deepCopy();
      JsonNode parent = copy;
      for (int i = 0; i < steps.size() - 1; i++) {
        Object step = steps.get(i);
        parent = step instanceof String key ? parent.get(key) : parent.get((Integer) step);
      }
      Object last = steps.get(steps.size() - 1);
      if (last instanceof String key) {
        if (replacement == null) {
          ((ObjectNode) parent).remove(key);
        } else {
          ((ObjectNode) parent).set(key, replacement);
        }
      } else {
        ((ArrayNode) parent).set((Integer) last, replacement);
      }
      return copy;
    }
  }

  private Places() {}

  static List<Place> of(JsonNode document, Facets root) {
    List<Place> places = new ArrayList<>();
    walk(document, root, "", List.of(), places);
    return places;
  }

  /** The facets {@code value} follows at the root: for whole-object breakages (keys of a map at the top, say). */
  private static void walk(JsonNode value, Facets facets, String path, List<Object> steps, List<Place> into) {
    Facets here = facets.forValue(value);
    if (here == null) {
      return;
    }
    if (value.isObject()) {
      Set<String> names = new LinkedHashSet<>(here.declared());
      value.fieldNames().forEachRemaining(names::add);
      Set<String> required = here.required();
      for (String name : names) {
        String at = path.isEmpty() ? name : path + "." + name;
        List<Object> to = append(steps, name);
        Facets child = here.property(name);
        JsonNode present = value.get(name);
        if (child.isAnything()) {
          continue; // a free-form value or an unknown field: the schema says nothing in there
        }
        into.add(new Place(at, to, child, present, required.contains(name), false));
        if (present != null && !present.isNull()) {
          walk(present, child, at, to, into);
        }
      }
    } else if (value.isArray()) {
      Facets items = here.items();
      for (int i = 0; i < value.size() && !items.isAnything(); i++) {
        String at = path + "[" + i + "]";
        List<Object> to = append(steps, i);
        into.add(new Place(at, to, items, value.get(i), true, true));
        if (!value.get(i).isNull()) {
          walk(value.get(i), items, at, to, into);
        }
      }
    }
  }

  private static List<Object> append(List<Object> steps, Object step) {
    List<Object> longer = new ArrayList<>(steps);
    longer.add(step);
    return List.copyOf(longer);
  }
}
