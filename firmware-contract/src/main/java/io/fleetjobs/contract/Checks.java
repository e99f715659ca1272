package io.fleetjobs.contract;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Validation helpers shared by the payload records' constructors. Public so the message package can use them. */
public final class Checks {

  /** Names of operations, properties, parameters: a letter, then letters, digits, '_' or '-'; at most 64. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

  /** Opaque identifiers (executions, jobs, devices): 1 to 128 of letters, digits, '.', '_', ':', '-'. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private Checks() {}

  public static <T> T required(T value, String field) {
    if (value == null) {
      throw ContractViolation.missing(field);
    }
    return value;
  }

  public static String id(String value, String field) {
    required(value, field);
    if (!ID.matcher(value).matches()) {
      throw ContractViolation.invalid(field, "must be 1-128 characters of letters, digits, '.', '_', ':' or '-'");
    }
    return value;
  }

  public static String name(String value, String field) {
    required(value, field);
    if (!NAME.matcher(value).matches()) {
      throw ContractViolation.invalid(field, "must start with a letter and hold at most 64 letters, digits, '_' or '-'");
    }
    return value;
  }

  /**
   * Whether {@code text} holds nothing but spaces, tabs and line breaks: the schemas' {@code "pattern": "\\S"} read as
   * their validator reads it (an em space is a character like any other here, unlike {@link String#isBlank()}).
   */
  public static boolean blank(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (" \t\n\u000B\f\r".indexOf(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  public static long positive(Long value, String field) {
    required(value, field);
    if (value < 1) {
      throw ContractViolation.invalid(field, "must be at least 1");
    }
    return value;
  }

  public static <K, V> Map<K, V> copyOrEmpty(Map<K, V> map) {
    return map == null ? Map.of() : Map.copyOf(map);
  }

  public static <T> List<T> copyOrEmpty(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** Map.copyOf refuses null values; JSON null is a legal value, so keep maps with JsonNode values as given. */
  public static <K, V> Map<K, V> unmodifiable(Map<K, V> map) {
    return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
  }
}
