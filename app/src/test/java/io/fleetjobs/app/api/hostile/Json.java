package io.fleetjobs.app.api.hostile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes request bodies as JSON text exactly as a hostile client would send them: control characters, lone
 * surrogates and the invisible or bidi characters are escaped (as {@code \\u202e}), so each arrives as that very UTF-16
 * unit; other text goes as UTF-8. {@link Raw} values go in verbatim (malformed numbers, deep nesting).
 */
final class Json {

  /** JSON text put into the body as it is. */
  record Raw(String text) {
    @Override
    public String toString() {
      return text.length() > 60 ? text.substring(0, 60) + "…(" + text.length() + " characters)" : text;
    }
  }

  /** JSON's null, as a value generators can hold (they hold no Java null). */
  static final Raw NULL = new Raw("null");

  private Json() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Raw raw) {
      out.append(raw.text());
    } else if (value instanceof String s) {
      string(s, out);
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
      out.append(value);
    } else if (value instanceof BigDecimal d) {
      out.append(d.toString());
    } else if (value instanceof Double d) {
      out.append(BigDecimal.valueOf(d).toPlainString());
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
        out.append(first ? "" : ",");
        first = false;
        string(e.getKey(), out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ",");
        write(list.get(i), out);
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c >= 0x7f && c <= 0x9f || Character.isSurrogate(c) && !pairedAt(s, i)
          || Character.getType(c) == Character.FORMAT || c == 0x2028 || c == 0x2029) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  /** Whether the surrogate at {@code i} is half of a well-formed pair. */
  private static boolean pairedAt(String s, int i) {
    char c = s.charAt(i);
    return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
