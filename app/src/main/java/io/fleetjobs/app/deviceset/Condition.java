package io.fleetjobs.app.deviceset;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One condition of a device-set filter. {@code field} is {@code id}, {@code name}, {@code online}, {@code
 * attributes.<name>} or {@code properties.<name>} (a property or setting of the template, as last reported).
 */
public record Condition(String field, Operator operator, JsonNode value) {

  /** How a device's field is compared with {@code value}. */
  public enum Operator {
    EQ,
    NE,
    /** {@code value} is an array; the field equals one of its items. */
    IN,
    GT,
    GE,
    LT,
    LE,
    /** The field, as text, contains {@code value}. */
    CONTAINS,
    /** The field has a value ({@code value} is ignored). */
    EXISTS
  }
}
