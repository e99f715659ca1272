package io.fleetjobs.app.support.openapi;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The generated client's type for the document's {@code AnyValue} (any JSON value), given to openapi-generator as a
 * schema mapping: a JsonNode, as in the service, with the one method the generated models call on their parts.
 */
public record AnyJson(@JsonValue JsonNode node) {

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public AnyJson {}

  public static AnyJson of(int value) {
    return new AnyJson(JsonNodeFactory.instance.numberNode(value));
  }

  public static AnyJson of(String value) {
    return new AnyJson(JsonNodeFactory.instance.textNode(value));
  }

  /** Generated models' deep-object query form; no operation takes a JSON value as a query parameter. */
  public String toUrlQueryString(String prefix) {
    throw new UnsupportedOperationException(prefix + " is a JSON value, never a query parameter");
  }
}
