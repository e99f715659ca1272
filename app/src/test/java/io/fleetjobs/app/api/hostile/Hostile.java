package io.fleetjobs.app.api.hostile;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Text an operator (or a script, or an attacker holding a token) may send: fine names in many scripts, and the
 * characters the API refuses in names and descriptions (control characters, bidi controls, invisible characters,
 * lone surrogates), at random places, with lengths around every limit.
 */
final class Hostile {

  /** Letters of several scripts, digits, spaces, punctuation, emoji: what names may hold. */
  private static final List<String> FINE = List.of(
      "a", "b", "z", "Q", "0", "7", " ", "-", "_", ".", ",", "'", "\"", "\\", "/", "<", ">", "&", "#", "%", "(", ")",
      "ä", "ß", "é", "ø", "ł", "Ж", "я", "λ", "Ω", "冷", "蔵", "庫", "ひ", "한", "ث", "ل", "א", "ש", "क", "ไ",
      "🧊", "😀", "👩‍🔧", "🏳️‍🌈", "€", "™", "°", "½");

  /** Code points no name or description may hold (descriptions allow tab, LF and CR). */
  static final List<Integer> FORBIDDEN = List.of(
      0x00, 0x01, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9b, 0x9f,
      0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c,
      0x200b, 0x2060, 0xfeff, 0x00ad, 0x2028, 0x2029, 0xe0041,
      0xd800, 0xdbff, 0xdc00, 0xdfff);

  private Hostile() {}

  /** 1 to 40 characters of {@link #FINE}, not blank. */
  static Arbitrary<String> fineText() {
    return fineText(1, 40);
  }

  static Arbitrary<String> fineText(int min, int max) {
    return Arbitraries.of(FINE).list().ofMinSize(min).ofMaxSize(max).map(parts -> String.join("", parts))
        .filter(s -> !s.isBlank());
  }

  /** Exactly {@code length} UTF-16 units of fine text (so a limit of {@code length} is met, not passed). */
  static Arbitrary<String> fineTextOfLength(int length) {
    return fineText(1, 8).map(seed -> {
      StringBuilder out = new StringBuilder(seed);
      while (out.length() < length) {
        out.append('x');
      }
      return out.substring(0, length);
    }).map(s -> Character.isHighSurrogate(s.charAt(s.length() - 1)) ? s.substring(0, s.length() - 1) + "y" : s)
        .filter(s -> !s.isBlank());
  }

  /** Fine text with one forbidden character put somewhere in it (first, last or inside). */
  static Arbitrary<String> withForbidden() {
    return Combinators.combine(fineText(0, 12), Arbitraries.of(FORBIDDEN), fineText(0, 12).injectNull(0.0))
        .as((before, cp, after) -> before + new String(Character.toChars(cp)) + after);
  }

  /** Forbidden in a description too: {@link #FORBIDDEN} but tab, LF and CR. */
  static Arbitrary<String> withForbiddenInDescription() {
    return Combinators.combine(fineText(0, 12), Arbitraries.of(FORBIDDEN).filter(cp -> cp != 0x09 && cp != 0x0a && cp != 0x0d),
        fineText(0, 12)).as((before, cp, after) -> before + new String(Character.toChars(cp)) + after);
  }

  /** Multi-line fine text, as a description may be. */
  static Arbitrary<String> fineParagraphs() {
    return fineText(1, 20).list().ofMinSize(1).ofMaxSize(4).map(lines -> String.join("\n\t", lines) + "\r\n");
  }

  /** A string of {@code min} to {@code max} characters: far past any limit. */
  static Arbitrary<String> huge(int min, int max) {
    return Arbitraries.integers().between(min, max).map("w"::repeat);
  }

  /** An id by the contract's rule: 1-128 of letters, digits, '.', '_', ':', '-'. */
  static Arbitrary<String> fineId() {
    return Arbitraries.strings().withChars("abcXYZ019._:-").ofMinLength(4).ofMaxLength(24)
        .map(s -> "h" + s);
  }

  /** Ids no rule allows: spaces, slashes, non-ASCII letters, forbidden characters, 129 characters. */
  static Arbitrary<String> badId() {
    return Arbitraries.oneOf(
        Arbitraries.of("a b", "a/b", "ä", "a?b", "a#b", "..%2F", "x\"y", "", " ", "'; DROP TABLE device; --", "a\\b", "id,with,commas"),
        withForbidden(),
        Arbitraries.just("i".repeat(129)));
  }

  /** A name by the contract's rule (properties, settings, commands, parameters, attributes). */
  static Arbitrary<String> fineKey() {
    return Arbitraries.strings().withChars("abcxyzABZ019_-").ofMinLength(0).ofMaxLength(20).map(s -> "k" + s);
  }

  /** Keys the rule refuses. */
  static Arbitrary<String> badKey() {
    return Arbitraries.oneOf(
        Arbitraries.of("", "1abc", "_a", "-a", "a b", "a.b", "ä", "a/b", "a:b", "K".repeat(65)),
        withForbidden().map(s -> "k" + s));
  }

  /** JSON values of every type, for fields that take another one. */
  static Arbitrary<Object> anyJson() {
    return Arbitraries.oneOf(
        Arbitraries.of(true, false, 0, -1, 42, 3.5, "", "x", "null"),
        Arbitraries.just(List.of()), Arbitraries.just(List.of(1, "a")), Arbitraries.just(Map.of()),
        Arbitraries.just(Map.of("a", List.of(Map.of()))),
        Arbitraries.just(new BigInteger("123456789012345678901234567890")),
        Arbitraries.of(new Json.Raw("1e400"), new Json.Raw("-0"), new Json.Raw("1" + "0".repeat(1200)), new Json.Raw("0.000000001")),
        deepNesting());
  }

  /** Arrays or objects nested past every parser's comfort. */
  static Arbitrary<Object> deepNesting() {
    return Arbitraries.of(50, 999, 1001, 5000).flatMap(depth -> Arbitraries.of(
        new Json.Raw("[".repeat(depth) + "]".repeat(depth)),
        new Json.Raw("{\"a\":".repeat(depth) + "1" + "}".repeat(depth))));
  }

  /** Bodies that are no JSON object at all, or not JSON. */
  static Arbitrary<byte[]> brokenBodies() {
    return Arbitraries.oneOf(
        Arbitraries.of("", " ", "{", "}", "nope", "[]", "[{}]", "\"x\"", "42", "null", "true", "{\"a\":}", "{'a': 1}",
            "{\"a\": 1,}", "{\"a\" 1}", "{\"a\": NaN}", "{\"a\": undefined}", "{\"a\": 1} trailing", "<xml/>",
            "{\"a\": \"\\ud800\"}", "{\"a\": \"\\uZZZZ\"}", "\u0000").map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        deepNesting().map(raw -> ((Json.Raw) raw).text().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        Arbitraries.of(new byte[] {(byte) 0xc3, 0x28}, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'},
            new byte[] {(byte) 0xfe, (byte) 0xff, 0, '{'})); // a UTF-8 byte order mark before JSON is fine (RFC 8259 allows it)
  }
}
