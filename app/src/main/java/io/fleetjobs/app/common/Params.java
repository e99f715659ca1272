package io.fleetjobs.app.common;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values of a {@link NamedSql} statement's {@code :name} placeholders, immutable:
 * {@code Params.of("jobId", id).and("now", instant)}. Each value is typed by the overload that took it, so a null is
 * sent with its SQL type (PostgreSQL refuses an untyped null where it cannot infer one). There is deliberately no
 * {@code Object} overload: a bare {@code null} does not compile, it must be cast to the type it stands for.
 */
public final class Params {

  /** Sets one value at its first JDBC index; a list takes {@link #width} indexes from there. */
  interface Value {
    void set(PreparedStatement ps, int index) throws SQLException;

    /** How many {@code ?} the placeholder becomes: 1, or a list's size. */
    default int width() {
      return 1;
    }
  }

  private static final Params NONE = new Params(Map.of());

  private final Map<String, Value> values;

  private Params(Map<String, Value> values) {
    this.values = values;
  }

  /** For a statement without placeholders. */
  public static Params none() {
    return NONE;
  }

  public static Params of(String name, String value) {
    return NONE.and(name, value);
  }

  public static Params of(String name, Instant value) {
    return NONE.and(name, value);
  }

  public static Params of(String name, long value) {
    return NONE.and(name, value);
  }

  public static Params of(String name, int value) {
    return NONE.and(name, value);
  }

  public static Params of(String name, boolean value) {
    return NONE.and(name, value);
  }

  public static Params of(String name, Enum<?> value) {
    return NONE.and(name, value);
  }

  public static Params of(String name, List<String> values) {
    return NONE.and(name, values);
  }

  /** A string; null as a VARCHAR null. */
  public Params and(String name, String value) {
    return with(name, (ps, i) -> Sql.setNullableString(ps, i, value));
  }

  /** An instant, by {@link Sql#setInstant}'s rules (null as a TIMESTAMP WITH TIME ZONE null). */
  public Params and(String name, Instant value) {
    return with(name, (ps, i) -> Sql.setInstant(ps, i, value));
  }

  public Params and(String name, long value) {
    return with(name, (ps, i) -> ps.setLong(i, value));
  }

  public Params and(String name, int value) {
    return with(name, (ps, i) -> ps.setInt(i, value));
  }

  public Params and(String name, boolean value) {
    return with(name, (ps, i) -> ps.setBoolean(i, value));
  }

  /** An enum by its name, as the tables store statuses; null as a VARCHAR null. */
  public Params and(String name, Enum<?> value) {
    return and(name, value == null ? null : value.name());
  }

  /**
   * The strings of an {@code IN (:name)} list, one {@code ?} each. Empty is refused: {@code IN ()} is not SQL, and the
   * caller knows better than to ask the database about nothing.
   */
  public Params and(String name, List<String> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("the list bound to :" + name + " is empty; IN () is not valid SQL");
    }
    List<String> copy = List.copyOf(values);
    return with(name, new Value() {
      @Override
      public void set(PreparedStatement ps, int index) throws SQLException {
        for (int i = 0; i < copy.size(); i++) {
          ps.setString(index + i, copy.get(i));
        }
      }

      @Override
      public int width() {
        return copy.size();
      }
    });
  }

  Set<String> names() {
    return values.keySet();
  }

  /** The value bound to {@code name}, which {@link NamedSql} has checked is bound. */
  Value value(String name) {
    return values.get(name);
  }

  private Params with(String name, Value value) {
    NamedSql.checkName(name);
    if (values.containsKey(name)) {
      throw new IllegalArgumentException(":" + name + " is bound twice");
    }
    Map<String, Value> copy = new LinkedHashMap<>(values);
    copy.put(name, value);
    return new Params(Collections.unmodifiableMap(copy));
  }

  @Override
  public String toString() {
    return "Params" + values.keySet();
  }
}
