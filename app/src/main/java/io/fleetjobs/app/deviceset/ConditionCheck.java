package io.fleetjobs.app.deviceset;

import io.fleetjobs.app.common.JsonValues;
import io.fleetjobs.app.common.Text;
import io.fleetjobs.app.template.Template;
import io.fleetjobs.contract.Checks;
import java.util.Optional;

/**
 * Whether one condition of a filter can be evaluated against a template, and if not which of its parts is wrong:
 * {@code field} (a field every device has, an attribute by the contract's name rule, or a property or setting of the
 * template), {@code operator}, or {@code value} (any JSON, an array for IN; text well-formed, numbers finite, since it
 * is stored and shown again as it came). Pure logic.
 */
final class ConditionCheck {

  /** The part at fault ({@code field}, {@code operator} or {@code value}) and what is wrong with it. */
  record Problem(String part, String message) {}

  private ConditionCheck() {}

  static Optional<Problem> problem(Condition c, Template template) {
    if (c.field() == null || c.field().isBlank()) {
      return problem("field", "field is required: id, name, online, attributes.<name> or properties.<name>");
    }
    if (c.operator() == null) {
      return problem("operator", "operator is required: one of EQ, NE, IN, GT, GE, LT, LE, CONTAINS, EXISTS");
    }
    if (c.operator() != Condition.Operator.EXISTS && (c.value() == null || c.value().isNull())) {
      return problem("value", "value is required for " + c.operator());
    }
    if (c.operator() == Condition.Operator.IN && !c.value().isArray()) {
      return problem("value", "value must be an array for IN");
    }
    Optional<String> bad = JsonValues.problem(c.value());
    if (bad.isPresent()) {
      return problem("value", "value " + bad.get());
    }
    return fieldProblem(c.field(), template).map(message -> new Problem("field", message));
  }

  private static Optional<String> fieldProblem(String field, Template template) {
    if (field.equals("id") || field.equals("name") || field.equals("online")) {
      return Optional.empty();
    }
    if (field.startsWith(DeviceFilter.ATTRIBUTES)) {
      String name = field.substring(DeviceFilter.ATTRIBUTES.length());
      return Checks.NAME.matcher(name).matches() ? Optional.empty()
          : Optional.of(Text.quote(field) + " names no attribute: attribute names start with a letter and hold at most 64 letters, digits, '_' or '-'");
    }
    if (field.startsWith(DeviceFilter.PROPERTIES)) {
      String name = field.substring(DeviceFilter.PROPERTIES.length());
      return template.definition().valueType(name).isPresent() ? Optional.empty()
          : Optional.of(Text.quote(field) + " names no property or setting of template '" + template.id() + "'");
    }
    return Optional.of("unknown field " + Text.quote(field) + "; use id, name, online, attributes.<name> or properties.<name>");
  }

  private static Optional<Problem> problem(String part, String message) {
    return Optional.of(new Problem(part, message));
  }
}
