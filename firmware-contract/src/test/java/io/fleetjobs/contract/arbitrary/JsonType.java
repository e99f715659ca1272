package io.fleetjobs.contract.arbitrary;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.Set;

/** The JSON types as JSON Schema's {@code type} names them; a number is INTEGER when it has no fraction (2 and 2.0). */
enum JsonType {
  NULL, BOOLEAN, INTEGER, FRACTION, STRING, ARRAY, OBJECT;

  /** The types a {@code type} keyword's name allows: {@code number} allows whole and fractional numbers. */
  static Set<JsonType> named(String name) {
    return switch (name) {
      case "null" -> EnumSet.of(NULL);
      case "boolean" -> EnumSet.of(BOOLEAN);
      case "integer" -> EnumSet.of(INTEGER);
      case "number" -> EnumSet.of(INTEGER, FRACTION);
      case "string" -> EnumSet.of(STRING);
      case "array" -> EnumSet.of(ARRAY);
      case "object" -> EnumSet.of(OBJECT);
      default -> throw new IllegalStateException("unknown JSON Schema type " + name);
    };
  }

  static JsonType of(JsonNode value) {
    return switch (value.getNodeType()) {
      case NULL, MISSING -> NULL;
      case BOOLEAN -> BOOLEAN;
      case NUMBER -> value.isIntegralNumber() || value.decimalValue().stripTrailingZeros().scale() <= 0 ? INTEGER : FRACTION;
      case STRING -> STRING;
      case ARRAY -> ARRAY;
      case OBJECT, POJO -> OBJECT;
      case BINARY -> STRING;
    };
  }
}
