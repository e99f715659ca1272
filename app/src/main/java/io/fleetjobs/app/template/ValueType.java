package io.fleetjobs.app.template;

import com.fasterxml.jackson.databind.JsonNode;

/** The JSON types a property, setting or command parameter may have. */
public enum ValueType {
  STRING,
  INTEGER,
  NUMBER,
  BOOLEAN;

  public boolean accepts(JsonNode value) {
    if (value == null) {
      return false;
    }
    return switch (this) {
      case STRING -> value.isTextual();
      case INTEGER -> value.isIntegralNumber() || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
      case NUMBER -> value.isNumber();
      case BOOLEAN -> value.isBoolean();
    };
  }

  public String article() {
    return this == INTEGER ? "an integer" : "a " + name().toLowerCase();
  }
}
