package io.fleetjobs.app.deviceset;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.app.common.Ids;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One condition of a device-set filter. {@code field} is {@code id}, {@code name}, {@code online}, {@code
 * attributes.<name>} or {@code properties.<name>} (a property or setting of the template, as last reported).
 */
public record Condition(
    @Schema(description = "id, name, online, attributes.<name> (a name by the pattern " + Ids.KEY_PATTERN + ") or properties.<name>",
        requiredMode = Schema.RequiredMode.REQUIRED)
        String field,
    Operator operator,
    @Nullable @Schema(description = "any JSON (an array for IN; none for EXISTS): text without lone surrogates, finite numbers") JsonNode value) {

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
