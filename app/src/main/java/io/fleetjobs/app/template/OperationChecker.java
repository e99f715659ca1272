package io.fleetjobs.app.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.app.common.JsonValues;
import io.fleetjobs.app.common.Refusal;
import io.fleetjobs.app.common.Text;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.message.ExecutionRequest;
import io.fleetjobs.contract.message.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a job's operations against the template of its devices, so that devices only ever receive operations they
 * can understand. Every refusal names the offending field as a JSON path ({@code operations[2].value}).
 */
public final class OperationChecker {

  private OperationChecker() {}

  public static List<Operation> check(List<OperationInput> inputs, Template template) {
    if (inputs == null || inputs.isEmpty() || inputs.size() > ExecutionRequest.MAX_OPERATIONS) {
      throw Refusal.invalid("operations", "a job needs 1 to " + ExecutionRequest.MAX_OPERATIONS + " operations");
    }
    List<Operation> checked = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      checked.add(checkOne(inputs.get(i), template, "operations[" + i + "]"));
    }
    return List.copyOf(checked);
  }

  private static Operation checkOne(OperationInput input, Template template, String at) {
    if (input == null) {
      throw Refusal.invalid(at, at + " is required");
    }
    if (input.type() == null) {
      throw Refusal.invalid(at + ".type", "type is required: PROPERTY, SETTING or COMMAND");
    }
    if (input.name() == null || input.name().isBlank()) {
      throw Refusal.invalid(at + ".name", "name is required");
    }
    TemplateDefinition definition = template.definition();
    String where = " in template '" + template.id() + "'";
    Operation operation =
        switch (input.type()) {
          case PROPERTY -> {
            var property =
                definition.property(input.name())
                    .orElseThrow(() -> Refusal.invalid(at + ".name", "there is no property " + Text.quote(input.name()) + where));
            if (!property.writable()) {
              throw Refusal.invalid(at + ".name", "property '" + input.name() + "' is read-only" + where);
            }
            requireValue(input, property.type(), at);
            yield build(at, () -> Operation.property(input.name(), input.value()));
          }
          case SETTING -> {
            var setting =
                definition.setting(input.name())
                    .orElseThrow(() -> Refusal.invalid(at + ".name", "there is no setting " + Text.quote(input.name()) + where));
            requireValue(input, setting.type(), at);
            yield build(at, () -> Operation.setting(input.name(), input.value()));
          }
          case COMMAND -> {
            var command =
                definition.command(input.name())
                    .orElseThrow(() -> Refusal.invalid(at + ".name", "there is no command " + Text.quote(input.name()) + where));
            if (input.value() != null && !input.value().isNull()) {
              throw Refusal.invalid(at + ".value", "a COMMAND takes parameters, not a value");
            }
            checkParameters(input.parameters() == null ? Map.of() : input.parameters(), command, at);
            yield build(at, () -> Operation.command(input.name(), input.parameters()));
          }
        };
    return operation;
  }

  private static void requireValue(OperationInput input, ValueType type, String at) {
    if (input.parameters() != null && !input.parameters().isEmpty()) {
      throw Refusal.invalid(at + ".parameters", "only a COMMAND takes parameters");
    }
    if (input.value() == null || input.value().isNull()) {
      throw Refusal.invalid(at + ".value", "value is required and must be " + type.article());
    }
    JsonValues.problem(input.value()).ifPresent(problem -> {
      throw Refusal.invalid(at + ".value", "value " + problem);
    });
    if (!type.accepts(input.value())) {
      throw Refusal.invalid(
          at + ".value", "'" + input.name() + "' is " + type.article() + ", not " + input.value().getNodeType().name().toLowerCase());
    }
  }

  private static void checkParameters(Map<String, JsonNode> given, TemplateDefinition.Command command, String at) {
    for (String name : given.keySet()) {
      if (command.parameters().stream().noneMatch(p -> p.name().equals(name))) {
        throw Refusal.invalid(at + ".parameters." + name, "command '" + command.name() + "' has no parameter " + Text.quote(name));
      }
    }
    for (TemplateDefinition.Parameter parameter : command.parameters()) {
      JsonNode value = given.get(parameter.name());
      String field = at + ".parameters." + parameter.name();
      if (value == null || value.isNull()) {
        if (parameter.isRequired()) {
          throw Refusal.invalid(field, "parameter '" + parameter.name() + "' is required and must be " + parameter.type().article());
        }
      } else if (JsonValues.problem(value).isPresent()) {
        throw Refusal.invalid(field, "parameter '" + parameter.name() + "' " + JsonValues.problem(value).get());
      } else if (!parameter.type().accepts(value)) {
        throw Refusal.invalid(field, "parameter '" + parameter.name() + "' must be " + parameter.type().article());
      }
    }
  }

  private static Operation build(String at, java.util.function.Supplier<Operation> factory) {
    try {
      return factory.get();
    } catch (ContractViolation v) {
      throw Refusal.invalid(at + "." + v.field(), v.reason());
    }
  }
}
