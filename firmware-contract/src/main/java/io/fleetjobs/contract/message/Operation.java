package io.fleetjobs.contract.message;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.contract.Checks;
import io.fleetjobs.contract.ContractViolation;
import java.util.Map;

/**
 * One step of an execution. PROPERTY and SETTING carry a {@code value}; COMMAND carries {@code parameters} (possibly
 * empty) and no value. Values are any JSON value; their types follow the device's template.
 */
public record Operation(OperationType type, String name, JsonNode value, Map<String, JsonNode> parameters) {

  public Operation {
    Checks.required(type, "type");
    Checks.name(name, "name");
    if (type == OperationType.COMMAND) {
      if (value != null && !value.isMissingNode() && !value.isNull()) {
        throw ContractViolation.invalid("value", "is not allowed on a COMMAND; use parameters");
      }
      value = null;
      parameters = Checks.unmodifiable(parameters);
      parameters.keySet().forEach(key -> Checks.name(key, "parameters." + key));
    } else {
      if (value == null || value.isMissingNode() || value.isNull()) {
        throw ContractViolation.missing("value");
      }
      if (parameters != null && !parameters.isEmpty()) {
        throw ContractViolation.invalid("parameters", "are only allowed on a COMMAND");
      }
      parameters = Map.of();
    }
  }

  public static Operation setting(String name, JsonNode value) {
    return new Operation(OperationType.SETTING, name, value, null);
  }

  public static Operation property(String name, JsonNode value) {
    return new Operation(OperationType.PROPERTY, name, value, null);
  }

  public static Operation command(String name, Map<String, JsonNode> parameters) {
    return new Operation(OperationType.COMMAND, name, null, parameters);
  }
}
