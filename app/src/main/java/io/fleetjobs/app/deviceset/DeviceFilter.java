package io.fleetjobs.app.deviceset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fleetjobs.app.device.Device;
import io.fleetjobs.app.template.Template;
import java.util.List;
import java.util.Optional;

/** Evaluates device-set conditions; all conditions must hold (AND). Pure logic, no I/O. */
public final class DeviceFilter {

  static final String ATTRIBUTES = "attributes.";
  static final String PROPERTIES = "properties.";

  private DeviceFilter() {}

  /** Why a filter cannot be evaluated against {@code template} (null when the template is gone), or empty if it can. */
  public static Optional<String> brokenReason(String templateId, Template template, List<Condition> conditions) {
    if (template == null) {
      return Optional.of("template '" + templateId + "' does not exist any more");
    }
    for (int i = 0; i < conditions.size(); i++) {
      Optional<String> problem = problem(conditions.get(i), template);
      if (problem.isPresent()) {
        return Optional.of("conditions[" + i + "]: " + problem.get());
      }
    }
    return Optional.empty();
  }

  /** What is wrong with one condition, if anything. */
  static Optional<String> problem(Condition c, Template template) {
    if (c.field() == null || c.field().isBlank()) {
      return Optional.of("field is required");
    }
    if (c.operator() == null) {
      return Optional.of("operator is required");
    }
    if (c.operator() != Condition.Operator.EXISTS && (c.value() == null || c.value().isNull())) {
      return Optional.of("value is required for " + c.operator());
    }
    if (c.operator() == Condition.Operator.IN && !c.value().isArray()) {
      return Optional.of("value must be an array for IN");
    }
    String field = c.field();
    if (field.equals("id") || field.equals("name") || field.equals("online")) {
      return Optional.empty();
    }
    if (field.startsWith(ATTRIBUTES) && field.length() > ATTRIBUTES.length()) {
      return Optional.empty();
    }
    if (field.startsWith(PROPERTIES)) {
      String name = field.substring(PROPERTIES.length());
      return template.definition().valueType(name).isPresent()
          ? Optional.empty()
          : Optional.of("'" + field + "' names no property or setting of template '" + template.id() + "'");
    }
    return Optional.of("unknown field '" + field + "'; use id, name, online, attributes.<name> or properties.<name>");
  }

  /** Whether any condition looks at reported properties (so devices must be read with them). */
  public static boolean readsProperties(List<Condition> conditions) {
    return conditions.stream().anyMatch(c -> c.field() != null && c.field().startsWith(PROPERTIES));
  }

  public static boolean matches(Device device, List<Condition> conditions) {
    for (Condition c : conditions) {
      if (!holds(c, valueOf(device, c.field()))) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode valueOf(Device device, String field) {
    return switch (field) {
      case "id" -> TextNode.valueOf(device.id());
      case "name" -> TextNode.valueOf(device.name());
      case "online" -> BooleanNode.valueOf(device.online());
      default -> {
        if (field.startsWith(ATTRIBUTES)) {
          String v = device.attributes().get(field.substring(ATTRIBUTES.length()));
          yield v == null ? null : TextNode.valueOf(v);
        }
        yield device.reported().get(field.substring(PROPERTIES.length()));
      }
    };
  }

  private static boolean holds(Condition c, JsonNode actual) {
    boolean present = actual != null && !actual.isNull();
    return switch (c.operator()) {
      case EXISTS -> present;
      case EQ -> present && same(actual, c.value());
      case NE -> !present || !same(actual, c.value());
      case IN -> present && contains(c.value(), actual);
      case GT -> present && compare(actual, c.value()) > 0;
      case GE -> present && compare(actual, c.value()) >= 0;
      case LT -> present && compare(actual, c.value()) < 0;
      case LE -> present && compare(actual, c.value()) <= 0;
      case CONTAINS -> present && actual.asText().contains(c.value().asText());
    };
  }

  private static boolean contains(JsonNode array, JsonNode actual) {
    for (JsonNode item : array) {
      if (same(actual, item)) {
        return true;
      }
    }
    return false;
  }

  /** Numbers compare by value (3 equals 3.0); attributes are strings, so "3" also equals 3. */
  private static boolean same(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isTextual() != b.isTextual()) {
      return a.asText().equals(b.asText());
    }
    return a.equals(b);
  }

  private static int compare(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    if (a.isTextual() && b.isNumber()) {
      try {
        return new java.math.BigDecimal(a.asText()).compareTo(b.decimalValue());
      } catch (NumberFormatException e) {
        return a.asText().compareTo(b.asText());
      }
    }
    return a.asText().compareTo(b.asText());
  }
}
