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
      Optional<ConditionCheck.Problem> problem = ConditionCheck.problem(conditions.get(i), template);
      if (problem.isPresent()) {
        return Optional.of("conditions[" + i + "]." + problem.get().part() + ": " + problem.get().message());
      }
    }
    return Optional.empty();
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
