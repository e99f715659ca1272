package io.fleetjobs.app.common;

import java.util.Optional;

/**
 * The rule for text operators write that the service shows again (names, display names, descriptions, attribute
 * values): any Unicode letters, digits, spaces, punctuation, symbols and emoji, but none of the characters that make
 * text look like something else or act on a terminal or a page:
 *
 * <ul>
 *   <li>control characters: C0 (U+0000-U+001F), DEL, C1 (U+0080-U+009F); a description may hold tab, line feed and
 *       carriage return;
 *   <li>format characters (Unicode category Cf): bidi controls (U+061C, U+200E, U+200F, U+202A-U+202E,
 *       U+2066-U+2069), zero-width space and word joiner (U+200B, U+2060), byte order mark (U+FEFF), soft hyphen,
 *       tag characters; but zero-width non-joiner and joiner (U+200C, U+200D), which some scripts and emoji need;
 *   <li>the line and paragraph separators U+2028, U+2029;
 *   <li>lone surrogates (UTF-16 halves without their pair, which no UTF-8 text can hold).
 * </ul>
 *
 * Refused text is refused, never cleaned up: what is stored and shown is what was sent. Lengths count UTF-16 units
 * (most emoji count two), the unit the database columns are sized in.
 */
public final class Text {

  /** The rule in words, for the API's documentation ({@code @Schema}). */
  public static final String RULE = "no control characters, bidi controls, invisible format characters (zero-width joiner and"
      + " non-joiner allowed), line or paragraph separators or lone surrogates";

  /** How much of a value an error message quotes. */
  private static final int QUOTE_MAX = 60;

  private Text() {}

  /** A required single-line name of at most {@code max} units. */
  public static String requireName(String name, String field, int max) {
    if (name == null || name.isBlank()) {
      throw Refusal.invalid(field, field + " is required");
    }
    return check(name, field, max, false);
  }

  /** Optional multi-line text (null allowed) of at most {@code max} units. */
  public static String optionalDescription(String text, String field, int max) {
    return text == null ? null : check(text, field, max, true);
  }

  /** Single-line text that may be empty (an attribute value), of at most {@code max} units. */
  public static String requireLine(String text, String field, int max) {
    if (text == null) {
      throw Refusal.invalid(field, field + " is required");
    }
    return check(text, field, max, false);
  }

  private static String check(String text, String field, int max, boolean multiLine) {
    if (text.length() > max) {
      throw Refusal.invalid(field, field + " must be at most " + max + " characters, not " + text.length());
    }
    problem(text, multiLine).ifPresent(problem -> {
      throw Refusal.invalid(field, field + " " + problem);
    });
    return text;
  }

  /** What makes {@code text} break the rule, in words, or empty when it keeps it. */
  public static Optional<String> problem(String text, boolean multiLine) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (forbidden(cp, multiLine)) {
        return Optional.of("must not hold " + describe(cp) + " (" + codePoint(cp) + ", character " + (i + 1) + ")");
      }
      i += Character.charCount(cp);
    }
    return Optional.empty();
  }

  /** Whether text is well-formed Unicode: no lone surrogate, so it can be written as UTF-8 as it is. */
  public static boolean wellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  public static boolean forbidden(int cp, boolean multiLine) {
    if (multiLine && (cp == '\t' || cp == '\n' || cp == '\r')) {
      return false;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.SURROGATE, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
      case Character.FORMAT -> cp != 0x200C && cp != 0x200D;
      default -> false;
    };
  }

  /**
   * {@code value} in single quotes for an error message: clipped, and with every character {@link #forbidden} (and
   * the quote) written as {@code \\uXXXX}, so an echo of hostile input can neither spoof the message nor flood it.
   */
  public static String quote(String value) {
    if (value == null) {
      return "null";
    }
    return "'" + escape(value.length() > QUOTE_MAX ? value.substring(0, QUOTE_MAX) : value)
        + (value.length() > QUOTE_MAX ? "…' (" + value.length() + " characters)" : "'");
  }

  /** {@code text} with every forbidden character (multi-line or not) written as {@code \\uXXXX}. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
      int cp = pair ? text.codePointAt(i) : c;
      if (forbidden(cp, false)) {
        for (char unit : Character.toChars(cp)) {
          out.append(String.format("\\u%04X", (int) unit));
        }
      } else {
        out.appendCodePoint(cp);
      }
      if (pair) {
        i++;
      }
    }
    return out.toString();
  }

  private static String describe(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONTROL -> "control characters";
      case Character.SURROGATE -> "a lone surrogate";
      case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> "line or paragraph separators";
      default -> cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069 || cp == 0x200E || cp == 0x200F || cp == 0x061C
          ? "bidirectional controls" : "invisible formatting characters";
    };
  }

  private static String codePoint(int cp) {
    return String.format("U+%04X", cp);
  }
}
