package io.fleetjobs.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes and decodes contract messages as UTF-8 JSON. Unknown fields are ignored (forward compatibility); absent
 * optional fields and empty maps or lists are left out; a JSON null counts as absent; timestamps are ISO-8601 strings;
 * and no value is coerced into another type: {@code "5"} is not a number, {@code 1} is not an enum name, {@code 2.5}
 * is not a whole number (but {@code 2.0} is, as in JSON Schema). Every failure is a {@link ContractViolation} naming
 * the offending field.
 */
public final class ContractJson {

  /** The deepest nesting and the longest number the parser reads (Jackson's defaults, stated in CONTRACT.md §11). */
  static final int MAX_DEPTH = StreamReadConstraints.DEFAULT_MAX_DEPTH;
  static final int MAX_NUMBER_DIGITS = StreamReadConstraints.DEFAULT_MAX_NUM_LEN;

  /** The most characters of a device's text an error repeats. */
  static final int MAX_ECHO = 64;

  private static final JsonInclude.Value LEAVE_OUT_EMPTY =
      JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.USE_DEFAULTS);

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(StrictScalars.module()) // registered last, so it wins for Instant, Long and Integer
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS) // otherwise "status": 1 reads as SUCCEEDED
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          // nulls and empty maps or lists are left out; an empty string is a value and stays ("reason": "")
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .withConfigOverride(Map.class, o -> o.setInclude(LEAVE_OUT_EMPTY))
          .withConfigOverride(List.class, o -> o.setInclude(LEAVE_OUT_EMPTY))
          // a number or boolean where text belongs is a wrong type, not something to turn into text
          .withCoercionConfig(LogicalType.Textual, config -> config
              .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
              .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
              .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build();

  private ContractJson() {}

  /** The mapper the contract uses; callers must not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] encode(Object message) {
    try {
      return MAPPER.writeValueAsBytes(Objects.requireNonNull(message, "message"));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + message.getClass().getSimpleName(), e);
    }
  }

  /**
   * Decodes a message, or throws a {@link ContractViolation} that names the offending field. The checks come in the
   * contract's order (§10): the bytes are UTF-8, then the whole payload is one JSON object, and only then are fields
   * judged, so a message cut short or followed by more text is {@code MALFORMED_JSON} wherever the cut falls.
   */
  public static <T> T decode(byte[] payload, Class<T> type) {
    if (payload == null || payload.length == 0) {
      throw new ContractViolation(ErrorCode.MALFORMED_JSON, null, "the payload is empty; expected a JSON object");
    }
    String notUtf8 = Utf8.problem(payload);
    if (notUtf8 != null) {
      throw new ContractViolation(ErrorCode.MALFORMED_JSON, null, notUtf8);
    }
    try {
      T value = MAPPER.readValue(payload, type);
      if (value == null) {
        throw new ContractViolation(ErrorCode.MALFORMED_JSON, null, "the payload is null; expected a JSON object");
      }
      return value;
    } catch (ContractViolation violation) {
      throw malformedOr(payload, violation);
    } catch (IOException e) {
      throw malformedOr(payload, classify(e));
    }
  }

  /**
   * The violation found while binding, unless the payload is not one JSON object at all: the binder judges a field
   * as soon as it has read it, before it reaches a cut or trailing text further on. Runs only for refused messages.
   */
  private static ContractViolation malformedOr(byte[] payload, ContractViolation violation) {
    if (violation.code() == ErrorCode.MALFORMED_JSON) {
      return violation;
    }
    try (JsonParser parser = MAPPER.getFactory().createParser(payload)) {
      if (parser.nextToken() == JsonToken.START_OBJECT) {
        parser.skipChildren();
        if (parser.nextToken() == null) {
          return violation;
        }
      }
      return new ContractViolation(ErrorCode.MALFORMED_JSON, null, "expected one JSON object");
    } catch (StreamConstraintsException e) {
      return tooLarge();
    } catch (IOException e) {
      return notJson(e);
    }
  }

  private static ContractViolation classify(IOException e) {
    Throwable cause = rootCause(e);
    if (cause instanceof StreamConstraintsException) {
      return tooLarge();
    }
    if (cause instanceof StreamReadException || cause instanceof CharConversionException) {
      return notJson(cause); // a parse error, even when the binder wrapped it with the field it was reading
    }
    if (e instanceof JsonMappingException mapping) {
      ContractViolation inner = findViolation(e);
      if (inner != null) {
        return inner.under(path(mapping));
      }
      String field = path(mapping);
      if (e instanceof InvalidFormatException invalid && invalid.getValue() instanceof String text && isText(invalid.getTargetType())) {
        return new ContractViolation(ErrorCode.INVALID_FIELD, field, "has an invalid value " + quote(text));
      }
      if (e instanceof MismatchedInputException && field == null) {
        return new ContractViolation(ErrorCode.MALFORMED_JSON, null, "expected a JSON object");
      }
      if (e instanceof MismatchedInputException) {
        // a number where text belongs, "" where an object does: the JSON type is wrong, not the value
        return new ContractViolation(ErrorCode.WRONG_TYPE, field, "has the wrong JSON type");
      }
      return new ContractViolation(ErrorCode.INVALID_FIELD, field, clip(rootMessage(e)));
    }
    if (e instanceof JsonProcessingException) {
      return notJson(e);
    }
    return new ContractViolation(ErrorCode.MALFORMED_JSON, null, "unreadable payload: " + clip(e.getMessage()));
  }

  /** Types read from JSON text whose values may be wrong: names of an enum, timestamps. Anything else is a wrong type. */
  private static boolean isText(Class<?> type) {
    return type != null && (type.isEnum() || type == java.time.Instant.class || type == String.class);
  }

  private static ContractViolation notJson(Throwable e) {
    String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    // Jackson's own wording, without its location note, which names a Java setting
    int note = message == null ? -1 : message.indexOf(" (start marker at");
    return new ContractViolation(ErrorCode.MALFORMED_JSON, null, "not valid JSON: " + clip(note < 0 ? message : message.substring(0, note)));
  }

  private static ContractViolation tooLarge() {
    return new ContractViolation(ErrorCode.MALFORMED_JSON, null, "past the contract's JSON limits (§11): "
        + "at most " + MAX_DEPTH + " levels of nesting, numbers of at most " + MAX_NUMBER_DIGITS + " digits");
  }

  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static ContractViolation findViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ContractViolation v) {
        return v;
      }
    }
    return null;
  }

  /** The JSON path of a mapping failure, e.g. {@code operations[1].value}; null at the top level. */
  public static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? null : path.toString();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root instanceof JsonProcessingException j ? j.getOriginalMessage() : String.valueOf(root.getMessage());
  }

  private static String quote(Object value) {
    return value instanceof String ? "'" + clip((String) value) + "'" : String.valueOf(value);
  }

  /** Device-supplied text echoed in an error is cut to {@value #MAX_ECHO} characters: a reply never grows with the payload. */
  static String clip(String text) {
    if (text == null || text.length() <= MAX_ECHO) {
      return text;
    }
    return text.substring(0, MAX_ECHO) + "…";
  }
}
