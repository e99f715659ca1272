package io.fleetjobs.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Documents derived from a valid one by changing one thing, with what the records must answer. Generated rather than
 * written so that every field of every example is covered, and the schemas' {@code required} lists are checked too.
 */
final class Mutations {

  /** A derived document and the verdict it must get. */
  record Mutant(String what, JsonNode json, Verdict expected) {
    @Override
    public String toString() {
      return what + " -> " + expected;
    }
  }

  /** Fields whose content is the device's or template's data, not contract fields: not walked into. */
  private static final Set<String> FREE = Set.of("value", "parameters", "details", "results", "properties");

  private static final List<JsonNode> KINDS = List.of(TextNode.valueOf("x"), IntNode.valueOf(7), BooleanNode.TRUE,
      JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.arrayNode());

  private Mutations() {}

  /** Each required field removed, then null: MISSING_FIELD naming it. */
  static List<Mutant> missing(Class<?> type, JsonNode valid) {
    List<Mutant> list = new ArrayList<>();
    for (JsonNode name : schemaDocument(type).required("required")) {
      String field = name.asText();
      ObjectNode without = valid.deepCopy();
      without.remove(field);
      list.add(new Mutant("without " + field, without, Verdict.refused(ErrorCode.MISSING_FIELD, field)));
      ObjectNode nulled = valid.deepCopy();
      nulled.putNull(field);
      list.add(new Mutant(field + " null", nulled, Verdict.refused(ErrorCode.MISSING_FIELD, field)));
    }
    return list;
  }

  /** Every field, at any depth, given a value of each other JSON type: WRONG_TYPE naming its path. */
  static List<Mutant> wrongTypes(JsonNode valid) {
    JsonNode copy = valid.deepCopy();
    List<Mutant> list = new ArrayList<>();
    walk(copy, "", (slot) -> {
      if (slot.value().isNull() || slot.name().equals("value")) {
        return; // a null or free-form value has no type to get wrong
      }
      for (JsonNode wrong : KINDS) {
        if (wrong.getNodeType() != slot.value().getNodeType()) {
          slot.set(wrong);
          list.add(new Mutant(slot.path() + " = " + wrong, copy.deepCopy(), Verdict.refused(ErrorCode.WRONG_TYPE, slot.path())));
          slot.restore();
        }
      }
    });
    return list;
  }

  /** Another contract version: UNSUPPORTED_VERSION. */
  static List<Mutant> otherVersions(JsonNode valid) {
    List<Mutant> list = new ArrayList<>();
    for (int version : new int[] {0, 2}) {
      ObjectNode json = valid.deepCopy();
      json.put("contractVersion", version);
      list.add(new Mutant("contractVersion " + version, json, Verdict.refused(ErrorCode.UNSUPPORTED_VERSION, "contractVersion")));
    }
    return list;
  }

  /** The document with unknown fields added to the message and to every object of the contract inside it. */
  static JsonNode withUnknownFields(JsonNode valid) {
    ObjectNode copy = valid.deepCopy();
    List<ObjectNode> objects = new ArrayList<>(List.of(copy));
    walk(copy, "", slot -> {
      if (slot.value().isObject() && !slot.name().equals("attributes") && !FREE.contains(slot.name())) {
        objects.add((ObjectNode) slot.value());
      }
    });
    objects.forEach(Mutations::addUnknown); // after the walk, so it never walks into what it added
    return copy;
  }

  /** The names a message's schema lists, and which it requires. */
  static JsonNode schemaDocument(Class<?> type) {
    try (InputStream in = Mutations.class.getClassLoader().getResourceAsStream(Schemas.resource(type))) {
      return ContractJson.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void addUnknown(ObjectNode node) {
    node.put("firmwareBuild", "2026.11.3");
    node.putObject("vendorExtension").putArray("flags").add(1).addNull();
  }

  /** A place in the document: a field of an object or an element of an array, which can be swapped and restored. */
  private record Slot(JsonNode parent, String name, int index, String path, JsonNode value) {
    void set(JsonNode replacement) {
      if (parent instanceof ObjectNode o) {
        o.set(name, replacement);
      } else {
        ((ArrayNode) parent).set(index, replacement);
      }
    }

    void restore() {
      set(value);
    }
  }

  private static void walk(JsonNode node, String path, Consumer<Slot> visit) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String at = path.isEmpty() ? name : path + "." + name;
        JsonNode child = node.get(name);
        visit.accept(new Slot(node, name, -1, at, child));
        if (!FREE.contains(name)) {
          walk(child, at, visit);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String at = path + "[" + i + "]";
        // an array element is named after its array, so "value" and FREE rules see the field it belongs to
        String owner = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
        visit.accept(new Slot(node, owner, i, at, node.get(i)));
        walk(node.get(i), at, visit);
      }
    }
  }
}
