package io.fleetjobs.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scalar readers that hold JSON to the types the JSON Schemas declare, so records and schemas refuse the same
 * documents: a timestamp is an RFC 3339 string (never epoch seconds, not even as text; no hour 24, offsets up to
 * ±18:00), an enum value is exactly one of its names (no padding, no other case), and a whole number may be written
 * {@code 2} or {@code 2.0} (JSON Schema counts both as an integer) but not {@code 2.5} or {@code "2"}.
 */
final class StrictScalars {

  /** RFC 3339's date-time, as the schemas' timestamp pattern has it; the numbers are checked below. */
  private static final Pattern RFC_3339 = Pattern.compile(
      "(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(?:([Zz])|([+-])(\\d{2}):(\\d{2}))");

  private StrictScalars() {}

  static SimpleModule module() {
    return new SimpleModule("contract-strict-scalars")
        .addDeserializer(Instant.class, new TextInstant())
        .addDeserializer(Long.class, new WholeNumber())
        .addDeserializer(Integer.class, new ContractVersionNumber())
        .setDeserializerModifier(new BeanDeserializerModifier() {
          @Override
          public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type, BeanDescription beanDesc,
              JsonDeserializer<?> deserializer) {
            return new ExactName(type.getRawClass());
          }
        });
  }

  /** The instant an RFC 3339 text names, or null when it names none. */
  static Instant rfc3339(String text) {
    Matcher m = RFC_3339.matcher(text);
    if (!m.matches()) {
      return null;
    }
    try {
      int second = Integer.parseInt(m.group(6));
      String fraction = m.group(7) == null ? "" : m.group(7);
      int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
      LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Math.min(second, 59), nanos);
      ZoneOffset offset = ZoneOffset.UTC;
      if (m.group(8) == null) {
        int hours = Integer.parseInt(m.group(10));
        int minutes = Integer.parseInt(m.group(11));
        if (minutes > 59 || (m.group(9).equals("-") && hours == 0 && minutes == 0)) {
          return null; // -00:00 says "offset unknown" (RFC 3339 §4.3): not an instant; the schemas refuse it too
        }
        int sign = m.group(9).equals("-") ? -1 : 1;
        offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
      }
      Instant instant = local.toInstant(offset);
      if (second == 60 && !endOfJuneOrDecember(instant)) {
        return null; // a leap second is the last second of June or December in UTC, never anything else
      }
      return instant;
    } catch (DateTimeException e) {
      return null; // month 13, February 30, hour 25, offset +19:00
    }
  }

  private static boolean endOfJuneOrDecember(Instant instant) {
    LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    return utc.getHour() == 23 && utc.getMinute() == 59
        && ((utc.getMonthValue() == 6 && utc.getDayOfMonth() == 30) || (utc.getMonthValue() == 12 && utc.getDayOfMonth() == 31));
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
      Instant instant = rfc3339(p.getText());
      return instant != null ? instant
          : (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(), "not an RFC 3339 date-time with seconds and a zone");
    }
  }

  /** A whole number: {@code 2} or {@code 2.0}, within the range of a long. */
  private static final class WholeNumber extends StdScalarDeserializer<Long> {
    private static final BigDecimal MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    WholeNumber() {
      super(Long.class);
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      BigDecimal value = whole(p, ctxt, Long.class);
      if (value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0) {
        throw ContractViolation.invalid(null, "is out of range");
      }
      return value.longValue();
    }
  }

  /**
   * The contract's only {@code Integer} field is {@code contractVersion} (a test holds every record to it): any whole
   * number other than the versions an int can hold is simply not a version this service speaks.
   */
  private static final class ContractVersionNumber extends StdScalarDeserializer<Integer> {
    ContractVersionNumber() {
      super(Integer.class);
    }

    @Override
    public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      BigDecimal value = whole(p, ctxt, Integer.class);
      try {
        return value.intValueExact();
      } catch (ArithmeticException e) {
        throw new ContractViolation(ErrorCode.UNSUPPORTED_VERSION, null,
            "is " + value.toBigInteger() + " but this service speaks contract version " + ContractVersion.CURRENT);
      }
    }
  }

  /** A JSON number without a fraction, exactly as written (a double would round 2^53 + 1). */
  private static BigDecimal whole(JsonParser p, DeserializationContext ctxt, Class<?> type) throws IOException {
    if (!p.hasToken(JsonToken.VALUE_NUMBER_INT) && !p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
      ctxt.handleUnexpectedToken(type, p);
    }
    BigDecimal value = p.hasToken(JsonToken.VALUE_NUMBER_INT) ? new BigDecimal(p.getBigIntegerValue()) : new BigDecimal(p.getText());
    if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
      ctxt.handleUnexpectedToken(type, p); // 2.5 is not a whole number: a wrong type
    }
    return value;
  }

  /** An enum value is exactly one of its names: Jackson's own reader would also take " FAILED". */
  private static final class ExactName extends StdScalarDeserializer<Object> {
    private final Class<?> type;

    ExactName(Class<?> type) {
      super(type);
      this.type = type;
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        return ctxt.handleUnexpectedToken(type, p);
      }
      String text = p.getText();
      for (Object constant : type.getEnumConstants()) {
        if (((Enum<?>) constant).name().equals(text)) {
          return constant;
        }
      }
      return ctxt.handleWeirdStringValue(type, text, "not one of the names");
    }
  }
}
