package io.fleetjobs.contract.arbitrary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Payloads that are not one UTF-8 JSON object, made from a valid message: cut short, not JSON at all, JSON but not
 * an object, or bytes that are not UTF-8. The contract answers all of them {@code MALFORMED_JSON} with no field.
 */
final class ByteBreakages {

  /** Byte sequences no UTF-8 text contains: stray continuation bytes, overlong forms, surrogates, beyond U+10FFFF. */
  private static final List<byte[]> NOT_UTF8 = List.of(
      bytes(0x80), bytes(0xbf), bytes(0xc0, 0x80), bytes(0xc1, 0xbf), bytes(0xe0, 0x80, 0x80), bytes(0xf0, 0x80, 0x80, 0x80),
      bytes(0xed, 0xa0, 0x80), bytes(0xed, 0xbf, 0xbf), bytes(0xf4, 0x90, 0x80, 0x80), bytes(0xf5, 0x80, 0x80, 0x80),
      bytes(0xf8, 0x88, 0x80, 0x80, 0x80), bytes(0xfe), bytes(0xff), bytes(0xc3), bytes(0xe2, 0x82), bytes(0xf0, 0x9f, 0x98),
      bytes(0xe9)); // é in ISO-8859-1

  private ByteBreakages() {}

  static List<Supplier<Arbitrary<Broken>>> of(Class<?> type, JsonNode valid) {
    String text = valid.toString();
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return List.of(
        () -> Arbitraries.integers().between(0, utf8.length - 1).map(cut -> Broken.bytes(type, Breakage.TRUNCATED, "cut at byte " + cut,
            java.util.Arrays.copyOf(utf8, cut))),
        () -> notJson(type, text),
        () -> notUtf8(type, valid),
        () -> Arbitraries.of("UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE", "UTF-32LE").map(name -> Broken.bytes(type, Breakage.NOT_UTF8,
            "encoded as " + name, text.getBytes(Charset.forName(name)))));
  }

  private static Arbitrary<Broken> notJson(Class<?> type, String text) {
    int colon = text.indexOf(':');
    int quote = text.indexOf('"');
    int comma = text.indexOf(',');
    List<String> forms = new java.util.ArrayList<>(List.of(
        "", " ", "\n", "null", "[]", "[" + text + "]", "42", "\"" + text.replace("\"", "'") + "\"", "true",
        text + " {}", text + "}", text + ",", text + " x", text + text, "{" + text + "}", "{}}", "{,}",
        text.substring(0, colon) + "=" + text.substring(colon + 1),
        text.substring(0, quote) + "'" + text.substring(quote + 1),
        text.substring(0, 1) + "/* note */" + text.substring(1),
        text.substring(0, colon + 1) + "NaN" + text.substring(colon + 2).replaceFirst("^[^,}]*", ""),
        text.substring(0, text.length() - 1) + ",}"));
    if (comma > 0) {
      forms.add(text.substring(0, comma) + text.substring(comma + 1)); // two members with no comma between them
      forms.add(text.substring(0, comma) + ",," + text.substring(comma + 1));
    }
    return Arbitraries.of(forms).map(form -> Broken.bytes(type, Breakage.NOT_JSON, "not one JSON object", form.getBytes(StandardCharsets.UTF_8)));
  }

  /** The message with a string (an unknown field's, or one of its own) carrying bytes that are not UTF-8. */
  private static Arbitrary<Broken> notUtf8(Class<?> type, JsonNode valid) {
    String marker = "QZQZ";
    ObjectNode marked = valid.deepCopy();
    marked.put("note", "before" + marker + "after");
    byte[] text = marked.toString().getBytes(StandardCharsets.UTF_8);
    int at = indexOf(text, marker.getBytes(StandardCharsets.US_ASCII));
    Arbitrary<byte[]> control = Arbitraries.integers().between(0, 0x1f).map(c -> bytes(c)); // raw control characters
    return Arbitraries.oneOf(Arbitraries.of(NOT_UTF8), control).map(bad -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(text, 0, at);
      out.writeBytes(bad);
      out.write(text, at + marker.length(), text.length - at - marker.length());
      boolean raw = bad.length == 1 && bad[0] >= 0 && bad[0] < 0x20;
      return Broken.bytes(type, raw ? Breakage.NOT_JSON : Breakage.NOT_UTF8, (raw ? "raw control character " : "bytes ") + hex(bad)
          + " in a string", out.toByteArray());
    });
  }

  private static int indexOf(byte[] text, byte[] part) {
    outer:
    for (int i = 0; i <= text.length - part.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (text[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("marker not found");
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  private static String hex(byte[] bytes) {
    StringBuilder hex = new StringBuilder();
    for (byte b : bytes) {
      hex.append("%02x".formatted(b & 0xff));
    }
    return hex.toString();
  }
}
