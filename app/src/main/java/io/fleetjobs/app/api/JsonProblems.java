package io.fleetjobs.app.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.fleetjobs.contract.ContractJson;
import java.time.Duration;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What is wrong with a request body, in the API's own words: the field (a JSON path) and the JSON it expected, never
 * a Java type name (Jackson's own messages name them).
 */
public final class JsonProblems {

  private JsonProblems() {}

  /** One problem: the field at fault (null: the body as a whole) and what is wrong with it. */
  public record Described(String field, String message) {}

  public static Described describe(JsonMappingException e) {
    String field = ContractJson.path(e);
    if (e instanceof UnrecognizedPropertyException unknown) {
      return new Described(field, "'" + unknown.getPropertyName() + "' is not a field of this request");
    }
    if (e instanceof InvalidFormatException invalid) {
      return new Described(field, quoted(invalid.getValue()) + " is not " + expected(invalid.getTargetType()));
    }
    if (e instanceof ValueInstantiationException instantiation) {
      Throwable cause = instantiation.getCause();
      return new Described(field, cause == null || cause.getMessage() == null ? "is not valid" : cause.getMessage());
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return new Described(field, "expected " + expected(mismatch.getTargetType()));
    }
    return new Described(field, field == null ? "the body is not the JSON this request takes" : "is not valid here");
  }

  public static Described describe(JsonParseException e) {
    var where = e.getLocation();
    return new Described(null, "the body is not valid JSON" + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"));
  }

  /** The JSON a Java type is read from, in words. */
  static String expected(Class<?> type) {
    if (type == null) {
      return "a valid value";
    }
    if (CharSequence.class.isAssignableFrom(type)) {
      return "a string";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class || type == short.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "an ISO-8601 instant such as 2026-12-02T10:00:00Z";
    }
    if (type == Duration.class) {
      return "an ISO-8601 duration such as PT30S";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.isPrimitive()) {
      return "an object";
    }
    return "a valid value";
  }

  private static String quoted(Object value) {
    return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
  }
}
