package io.fleetjobs.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Scalar readers that hold JSON to the types the JSON Schemas declare, so records and schemas refuse the same
 * documents: a timestamp is a string (never epoch seconds), and a whole number may be written {@code 2} or
 * {@code 2.0} (JSON Schema counts both as an integer) but not {@code 2.5} or {@code "2"}.
 */
final class StrictScalars {

  private StrictScalars() {}

  static SimpleModule module() {
    return new SimpleModule("contract-strict-scalars")
        .addDeserializer(Instant.class, new TextInstant())
        .addDeserializer(Long.class, new WholeNumber<>(Long.class, Long.MIN_VALUE, Long.MAX_VALUE))
        .addDeserializer(Integer.class, new WholeNumber<>(Integer.class, Integer.MIN_VALUE, Integer.MAX_VALUE));
  }

  private static final class TextInstant extends StdScalarDeserializer<Instant> {
    TextInstant() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
      }
      return InstantDeserializer.INSTANT.deserialize(p, ctxt);
    }
  }

  private static final class WholeNumber<T extends Number> extends StdScalarDeserializer<T> {
    private final Class<T> type;
    private final BigDecimal min;
    private final BigDecimal max;

    WholeNumber(Class<T> type, long min, long max) {
      super(type);
      this.type = type;
      this.min = BigDecimal.valueOf(min);
      this.max = BigDecimal.valueOf(max);
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_NUMBER_INT) && !p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
        return type.cast(ctxt.handleUnexpectedToken(type, p));
      }
      BigDecimal value = p.getDecimalValue();
      if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
        return type.cast(ctxt.handleUnexpectedToken(type, p)); // 2.5 is not a whole number: a wrong type
      }
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw ContractViolation.invalid(null, "is out of range");
      }
      return type.cast(type == Long.class ? (Object) value.longValue() : (Object) value.intValue());
    }
  }
}
