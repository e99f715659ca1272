package io.fleetjobs.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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

  /** Decodes a message, or throws a {@link ContractViolation} that names the offending field. */
  public static <T> T decode(byte[] payload, Class<T> type) {
    if (payload == null || payload.length == 0) {
      throw new ContractViolation(ErrorCode.MALFORMED_JSON, null, "the payload is empty; expected a JSON object");
    }
    try {
      T value = MAPPER.readValue(payload, type);
      if (value == null) {
        throw new ContractViolation(ErrorCode.MALFORMED_JSON, null, "the payload is null; expected a JSON object");
      }
      return value;
    } catch (ValueInstantiationException e) {
      ContractViolation cause = findViolation(e);
      if (cause != null) {
        return throwUnder(cause, path(e));
      }
      throw new ContractViolation(ErrorCode.INVALID_FIELD, path(e), rootMessage(e));
    } catch (InvalidFormatException e) {
      if (!(e.getValue() instanceof String)) {
        // a number or boolean where text (or a name from a list) belongs: the JSON type is wrong, not the value
        throw new ContractViolation(ErrorCode.WRONG_TYPE, path(e), "has the wrong JSON type");
      }
      throw new ContractViolation(ErrorCode.INVALID_FIELD, path(e), "has an invalid value " + quote(e.getValue()));
    } catch (MismatchedInputException e) {
      String field = path(e);
      if (field == null) {
        throw new ContractViolation(ErrorCode.MALFORMED_JSON, null, "expected a JSON object");
      }
      throw new ContractViolation(ErrorCode.WRONG_TYPE, field, "has the wrong JSON type");
    } catch (JsonMappingException e) {
      ContractViolation cause = findViolation(e);
      if (cause != null) {
        return throwUnder(cause, path(e));
      }
      throw new ContractViolation(ErrorCode.INVALID_FIELD, path(e), rootMessage(e));
    } catch (JsonProcessingException e) {
      throw new ContractViolation(ErrorCode.MALFORMED_JSON, null, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ContractViolation(ErrorCode.MALFORMED_JSON, null, "unreadable payload: " + e.getMessage());
    }
  }

  private static <T> T throwUnder(ContractViolation violation, String path) {
    throw violation.under(path);
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
    return value instanceof String ? "'" + value + "'" : String.valueOf(value);
  }
}
