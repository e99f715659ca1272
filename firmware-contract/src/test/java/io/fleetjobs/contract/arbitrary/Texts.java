package io.fleetjobs.contract.arbitrary;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Strings for the schemas' {@code pattern}, {@code minLength} and {@code maxLength} (lengths in Unicode characters,
 * as JSON Schema counts them). Patterns are read, not hard-coded: an anchored sequence of character classes with
 * quantifiers ({@code ^[A-Za-z][A-Za-z0-9_-]{0,63}$}), or an unanchored one that must occur somewhere ({@code \S});
 * any other form fails loudly.
 */
final class Texts {

  /** Characters from every corner a hostile or careless device reaches: ASCII, accents, CJK, emoji, odd spaces. */
  private static final Arbitrary<Integer> ANY_CHAR = Arbitraries.frequencyOf(
      net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(0x20, 0x7e)),
      net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0xa0, 0x24f)),
      net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x4e00, 0x4fff)),
      net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x1f600, 0x1f64f)),
      net.jqwik.api.Tuple.of(1, Arbitraries.of(0x09, 0x0a, 0x0d, 0x00, 0x1f, 0x7f, 0x85, 0xa0, 0x2028, 0x2003, 0x3000, 0xfeff, 0xfffd)));

  private Texts() {}

  /** Any text of {@code min} to {@code max} characters ({@code max} < 0: a few dozen at most). */
  static Arbitrary<String> any(int min, int max) {
    int upper = max < 0 ? Math.max(min, 40) : max;
    return ANY_CHAR.list().ofMinSize(min).ofMaxSize(upper).map(Texts::fromCodePoints);
  }

  /** Text of {@code min} to {@code max} characters that every pattern finds (JSON Schema's reading of "pattern"). */
  static Arbitrary<String> matching(List<String> patterns, int min, int max) {
    Arbitrary<String> base = null;
    for (String pattern : patterns) {
      if (Sequence.anchored(pattern)) {
        base = Sequence.parse(pattern).text(); // an anchored pattern decides the whole string
      }
    }
    if (base == null) {
      base = any(Math.max(min, 1), max);
    }
    return base.filter(s -> fits(s, min, max) && patterns.stream().allMatch(p -> finds(p, s)));
  }

  /** Text of an allowed length that some pattern does not find: a character outside a class, a wrong first letter. */
  static Arbitrary<String> notMatching(List<String> patterns, int min, int max) {
    List<Arbitrary<String>> ways = new ArrayList<>();
    for (String pattern : patterns) {
      if (Sequence.anchored(pattern)) {
        ways.add(Sequence.parse(pattern).textWithForeignChar());
      } else {
        ways.add(Sequence.parse("^" + pattern + "$").complement());
      }
    }
    return Arbitraries.oneOf(ways).filter(s -> fits(s, min, max) && patterns.stream().anyMatch(p -> !finds(p, s)));
  }

  /** Text one character longer than {@code maxLength} (or than the pattern allows), otherwise as the patterns say. */
  static Arbitrary<String> longerThan(List<String> patterns, int maxLength) {
    Sequence sequence = patterns.stream().filter(Sequence::anchored).map(Sequence::parse).findFirst().orElse(null);
    int limit = sequence == null ? maxLength : maxLength < 0 ? sequence.maxLength() : Math.min(maxLength, sequence.maxLength());
    Arbitrary<String> longer = sequence == null ? any(limit + 1, limit + 8)
        : Combinators.combine(sequence.text(), sequence.last().chars().list().ofSize(limit + 1))
            .as((text, more) -> fromCodePoints((text + fromCodePoints(more)).codePoints().limit(limit + 1L).boxed().toList()));
    return longer.filter(s -> codePoints(s) > limit && patterns.stream().filter(p -> !Sequence.anchored(p)).allMatch(p -> finds(p, s)));
  }

  /**
   * Whether {@code s} is {@code min} to {@code max} long as both readers count: JSON Schema counts Unicode characters,
   * the contract counts UTF-16 code units (§11: an emoji counts twice), so a fitting text fits both.
   */
  static boolean fits(String s, int min, int max) {
    return codePoints(s) >= min && (max < 0 || s.length() <= max);
  }

  static int codePoints(String s) {
    return s.codePointCount(0, s.length());
  }

  /** ECMA-262 and Java agree on these patterns' reading except "$" before a final newline, which we do not generate. */
  static boolean finds(String pattern, String s) {
    return Pattern.compile(pattern).matcher(s).find();
  }

  static String fromCodePoints(List<Integer> codePoints) {
    StringBuilder text = new StringBuilder();
    codePoints.forEach(text::appendCodePoint);
    return text.toString();
  }

  /** An anchored regex as a sequence of character classes, each repeated between its bounds. */
  private record Sequence(List<Part> parts) {

    record Part(List<int[]> ranges, boolean negated, int min, int max) {
      Arbitrary<Integer> chars() {
        if (!negated) {
          List<Arbitrary<Integer>> options = ranges.stream().<Arbitrary<Integer>>map(r -> Arbitraries.integers().between(r[0], r[1])).toList();
          return Arbitraries.oneOf(options);
        }
        return ANY_CHAR.filter(c -> !inRanges(c));
      }

      Arbitrary<Integer> foreign() {
        if (negated) {
          List<Arbitrary<Integer>> options = ranges.stream().<Arbitrary<Integer>>map(r -> Arbitraries.integers().between(r[0], r[1])).toList();
          return Arbitraries.oneOf(options);
        }
        return ANY_CHAR.filter(c -> !inRanges(c));
      }

      boolean inRanges(int c) {
        return ranges.stream().anyMatch(r -> c >= r[0] && c <= r[1]);
      }
    }

    static boolean anchored(String pattern) {
      return pattern.startsWith("^") && pattern.endsWith("$");
    }

    int maxLength() {
      return parts.stream().mapToInt(Part::max).sum();
    }

    Part last() {
      return parts.get(parts.size() - 1);
    }

    Arbitrary<String> text() {
      List<Arbitrary<List<Integer>>> pieces = parts.stream().<Arbitrary<List<Integer>>>map(p -> p.chars().list().ofMinSize(p.min()).ofMaxSize(p.max())).toList();
      return Combinators.combine(pieces).as(lists -> {
        List<Integer> all = new ArrayList<>();
        lists.forEach(all::addAll);
        return fromCodePoints(all);
      });
    }

    /** A well-formed text with one character swapped for one its class does not allow. */
    Arbitrary<String> textWithForeignChar() {
      int index = 0;
      List<Arbitrary<String>> ways = new ArrayList<>();
      for (Part part : parts) {
        final int at = index;
        if (part.max() > 0) {
          ways.add(Combinators.combine(text(), part.foreign()).as((text, c) -> replaceAt(text, at, c)));
        }
        index += part.min();
      }
      return Arbitraries.oneOf(ways);
    }

    /** Text made only of characters the (single) class refuses: for an unanchored pattern such as {@code \S}. */
    Arbitrary<String> complement() {
      Part part = parts.get(0);
      return part.foreign().list().ofMinSize(1).ofMaxSize(8).map(Texts::fromCodePoints);
    }

    private static String replaceAt(String text, int index, int c) {
      int[] codePoints = text.codePoints().toArray();
      if (index >= codePoints.length) {
        return text + Character.toString(c);
      }
      codePoints[index] = c;
      return new String(codePoints, 0, codePoints.length);
    }

    static Sequence parse(String pattern) {
      if (!anchored(pattern)) {
        throw new UnsupportedOperationException("pattern " + pattern);
      }
      String body = pattern.substring(1, pattern.length() - 1);
      List<Part> parts = new ArrayList<>();
      int i = 0;
      while (i < body.length()) {
        List<int[]> ranges = new ArrayList<>();
        boolean negated = false;
        char c = body.charAt(i);
        if (c == '[') {
          int close = body.indexOf(']', i + 1);
          String set = body.substring(i + 1, close);
          if (set.startsWith("^")) {
            negated = true;
            set = set.substring(1);
          }
          for (int k = 0; k < set.length(); k++) {
            char from = set.charAt(k) == '\\' ? set.charAt(++k) : set.charAt(k);
            if (k + 2 < set.length() && set.charAt(k + 1) == '-') {
              char to = set.charAt(k + 2);
              ranges.add(new int[] {from, to});
              k += 2;
            } else {
              ranges.add(new int[] {from, from});
            }
          }
          i = close + 1;
        } else if (c == '\\' && body.charAt(i + 1) == 'S') {
          negated = true;
          for (char w : new char[] {' ', '\t', '\n', 0x0b, '\f', '\r'}) {
            ranges.add(new int[] {w, w});
          }
          i += 2;
        } else if ("()|.*+?{}".indexOf(c) >= 0) {
          throw new UnsupportedOperationException("pattern " + pattern + ": teach the generators");
        } else {
          ranges.add(new int[] {c, c});
          i++;
        }
        int min = 1;
        int max = 1;
        if (i < body.length() && body.charAt(i) == '{') {
          int close = body.indexOf('}', i);
          String[] bounds = body.substring(i + 1, close).split(",", -1);
          min = Integer.parseInt(bounds[0]);
          max = bounds.length == 1 ? min : Integer.parseInt(bounds[1]);
          i = close + 1;
        } else if (i < body.length() && body.charAt(i) == '?') {
          min = 0;
          i++;
        }
        parts.add(new Part(ranges, negated, min, max));
      }
      return new Sequence(parts);
    }
  }
}
