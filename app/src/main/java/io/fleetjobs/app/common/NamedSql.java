package io.fleetjobs.app.common;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A statement with {@code :name} placeholders, parsed once (keep it in a constant) into the JDBC text with {@code ?}
 * and the name bound at each of them. {@link NamedSqlParser} says what counts as a placeholder.
 */
public final class NamedSql {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String source;
  /** The text around the placeholders: one more than {@link #names}. */
  private final List<String> fragments;
  /** The name at each placeholder, in order; a name used twice appears twice. */
  private final List<String> names;
  private final Set<String> distinct;
  private final String jdbc;

  NamedSql(String source, List<String> fragments, List<String> names) {
    this.source = source;
    this.fragments = List.copyOf(fragments);
    this.names = List.copyOf(names);
    this.distinct = new LinkedHashSet<>(names);
    this.jdbc = String.join("?", fragments);
  }

  /** Parses {@code sql}; throws {@link IllegalArgumentException} naming what is wrong with it. */
  public static NamedSql parse(String sql) {
    return NamedSqlParser.parse(sql);
  }

  /** The JDBC text when every value is single (a list makes it longer: see {@link #jdbc(Params)}). */
  public String jdbc() {
    return jdbc;
  }

  /** The placeholders' names, in order of first use. */
  public Set<String> names() {
    return java.util.Collections.unmodifiableSet(distinct);
  }

  @Override
  public String toString() {
    return source;
  }

  /** The JDBC text for {@code params}: each list placeholder becomes as many {@code ?} as the list has strings. */
  String jdbc(Params params) {
    check(params);
    StringBuilder text = new StringBuilder(fragments.get(0));
    for (int i = 0; i < names.size(); i++) {
      text.append(Sql.placeholders(params.value(names.get(i)).width())).append(fragments.get(i + 1));
    }
    return text.toString();
  }

  /** Whether {@code params} has a list: then the text depends on its size, and a batch cannot share one statement. */
  boolean widens(Params params) {
    return names.stream().anyMatch(n -> params.value(n) != null && params.value(n).width() != 1);
  }

  /** Sets every placeholder of a statement prepared from {@link #jdbc(Params)} with the same {@code params}. */
  void bind(PreparedStatement ps, Params params) throws SQLException {
    check(params);
    int index = 1;
    for (String name : names) {
      Params.Value value = params.value(name);
      value.set(ps, index);
      index += value.width();
    }
  }

  /** Refuses a placeholder without a value, and a value without a placeholder (most likely a typo on either side). */
  private void check(Params params) {
    Set<String> unbound = new TreeSet<>(distinct);
    unbound.removeAll(params.names());
    Set<String> unused = new TreeSet<>(params.names());
    unused.removeAll(distinct);
    List<String> problems = new ArrayList<>();
    if (!unbound.isEmpty()) {
      problems.add("no value bound for " + colons(unbound));
    }
    if (!unused.isEmpty()) {
      problems.add("bound but not in the SQL: " + colons(unused));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems) + " (SQL: " + source + ")");
    }
  }

  private static String colons(Set<String> names) {
    return String.join(", ", names.stream().map(n -> ":" + n).toList());
  }

  /** Refuses a name that could never appear as a placeholder, so a typo fails where it is bound. */
  static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' is not a parameter name: a letter or _, then letters, digits or _");
    }
  }
}
