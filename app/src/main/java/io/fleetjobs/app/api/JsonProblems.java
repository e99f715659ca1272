package io.fleetjobs.app.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.fleetjobs.app.common.Text;
import io.fleetjobs.contract.ContractJson;
import java.time.Duration;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What is wrong with a request body, in the API's own words: the field (a JSON path) and the JSON it expected, never
 * a Java type name (Jackson's own messages name them), and never more of the sent text than a short, escaped quote.
 */
public final class JsonProblems {

  /** Jackson's words for a refused coercion: {@code Cannot coerce String value ("soon") to `java.lang.Integer` value}. */
  private static final java.util.regex.Pattern COERCED = java.util.regex.Pattern.compile("Cannot coerce (\\w+) value \\(\"?(.*?)\"?\\) to ");

  private JsonProblems() {}

  /** One problem: the field at fault (null: the body as a whole) and what is wrong with it. */
  public record Described(String field, String message) {}

  /** The problem of the first JSON reading error in {@code cause}'s chain, if there is one. */
  public static Optional<Described> find(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof JsonMappingException mapping) {
        return Optional.of(describe(mapping));
      }
      if (t instanceof JsonProcessingException reading) {
        return Optional.of(describe(reading));
      }
    }
    return Optional.empty();
  }

  public static Described describe(JsonMappingException e) {
    String field = ContractJson.path(e);
    if (e instanceof UnrecognizedPropertyException unknown) {
      return new Described(field, Text.quote(unknown.getPropertyName()) + " is not a field of this request");
    }
    if (e instanceof InvalidFormatException invalid) {
      return new Described(field, quoted(invalid.getValue()) + " is not " + expected(invalid.getTargetType()));
    }
    if (e instanceof ValueInstantiationException instantiation) {
      // only our own refusals say why in words; anything else thrown while building a value would speak Java
      Throwable cause = instantiation.getCause();
      boolean ours = ProblemResponses.ours(cause) || cause instanceof io.fleetjobs.contract.ContractViolation;
      return new Described(field, ours && cause.getMessage() != null ? cause.getMessage() : "is not valid");
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return new Described(field, scalarSent(mismatch).map(v -> v + " is not ").orElse("expected ") + expected(mismatch.getTargetType()));
    }
    if (e.getCause() instanceof JsonProcessingException reading) {
      return describe(reading);
    }
    return new Described(field, field == null ? "the body is not the JSON this request takes" : "is not valid here");
  }

  /** Errors of the JSON reader itself: malformed JSON, a number out of range, a limit of the reader passed. */
  public static Described describe(JsonProcessingException e) {
    String field = e instanceof StreamReadException read && read.getProcessor() != null ? path(read.getProcessor()) : null;
    if (e instanceof InputCoercionException coercion) {
      return new Described(field, "the number is out of range: expected " + expected(coercion.getTargetType()));
    }
    if (e instanceof StreamConstraintsException) {
      return new Described(field, limit(e.getOriginalMessage()));
    }
    // Jackson refuses an escaped lone surrogate in a field name while reading (one in a value it reads, and Text checks)
    if (e.getOriginalMessage() != null && e.getOriginalMessage().contains("surrogate") && field != null) {
      return new Described(field, "must be well-formed text: a name in it holds a lone surrogate");
    }
    var where = e.getLocation();
    String at = where == null || where.getLineNr() < 0 ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
    return new Described(null, "the body is not valid JSON" + at);
  }

  /** Which limit of the JSON reader a body passed (Jackson's message names its Java settings). */
  private static String limit(String message) {
    String m = message == null ? "" : message;
    if (m.startsWith("Document nesting depth")) {
      return "the body nests arrays and objects deeper than the 1000 levels this service reads";
    }
    if (m.startsWith("Number value length") || m.startsWith("Number length")) {
      return "a number in the body has more than the 1000 digits this service reads";
    }
    if (m.startsWith("String value length") || m.startsWith("String length")) {
      return "a string in the body is longer than this service reads";
    }
    if (m.startsWith("Name length") || m.startsWith("Name value length")) {
      return "a field name in the body is longer than this service reads";
    }
    return "the body is larger or deeper than this service reads";
  }

  /** The JSON path of where the parser stopped, clipped: a field nested a thousand times deep is named by its start. */
  static String path(JsonParser parser) {
    List<String> steps = new ArrayList<>();
    for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject() && c.getCurrentName() != null) {
        steps.add("." + c.getCurrentName());
      } else if (c.inArray()) {
        steps.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
      }
    }
    Collections.reverse(steps);
    String path = String.join("", steps);
    path = path.startsWith(".") ? path.substring(1) : path;
    if (path.isEmpty()) {
      return null;
    }
    return path.length() > 120 ? path.substring(0, 120) + "…" : path;
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

  /** The scalar the reader stopped at, as sent (a string quoted), if it stopped at one: 42, true, 'soon'. */
  private static Optional<String> scalarSent(MismatchedInputException e) {
    if (!(e.getProcessor() instanceof JsonParser parser) || parser.currentToken() == null || !parser.currentToken().isScalarValue()) {
      // the reader has moved on (a closed stream): a refused coercion still says what it was given
      java.util.regex.Matcher given = COERCED.matcher(String.valueOf(e.getOriginalMessage()));
      if (!given.lookingAt() || given.group(2).length() > 40) {
        return Optional.empty();
      }
      return Optional.of(given.group(1).equals("String") ? Text.quote(given.group(2)) : Text.escape(given.group(2)));
    }
    try {
      String text = parser.getText();
      if (text == null || text.length() > 40) {
        return Optional.empty();
      }
      return Optional.of(parser.currentToken() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING ? Text.quote(text) : Text.escape(text));
    } catch (java.io.IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  private static String quoted(Object value) {
    return value instanceof String s ? Text.quote(s) : Text.escape(String.valueOf(value));
  }
}
