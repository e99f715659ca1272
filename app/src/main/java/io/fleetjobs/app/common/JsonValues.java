package io.fleetjobs.app.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Free JSON values operators send as data (a setting's value, a command's parameters, a filter's value), stored as
 * JSON text and sent on: any JSON, but its text well-formed (no lone surrogate, which UTF-8 cannot carry) and its
 * numbers within what a device's 64-bit float holds: finite, and not so small that they would arrive as 0 (1e400 would
 * be an infinity that JSON cannot write back, 1e-400 a 0 nobody sent).
 */
public final class JsonValues {

  private JsonValues() {}

  /** What keeps {@code value} from being stored and sent as it came, or empty. */
  public static Optional<String> problem(JsonNode value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isTextual() && !Text.wellFormed(value.textValue())) {
      return Optional.of("must be well-formed text: it holds a lone surrogate");
    }
    if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
      return Optional.of("must be a finite number");
    }
    if (value.isFloatingPointNumber() && value.doubleValue() == 0 && value.decimalValue().signum() != 0) {
      return Optional.of("must be 0 or a number a 64-bit float holds (at least 4.9e-324 in size)");
    }
    for (var names = value.fieldNames(); names.hasNext(); ) {
      if (!Text.wellFormed(names.next())) {
        return Optional.of("must be well-formed text: a name in it holds a lone surrogate");
      }
    }
    for (JsonNode item : value) {
      Optional<String> problem = problem(item);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }
}
