package io.fleetjobs.app.common;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Hand-written SQL for the paths that need batches, relative counter updates or keyset paging, on the same
 * connection and transaction as the Micronaut Data repositories.
 */
@Singleton
public class Sql {

  /** Sets a statement's parameters. */
  @FunctionalInterface
  public interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Sets a statement's parameters from one item of a batch. */
  @FunctionalInterface
  public interface ItemBinder<T> {
    void bind(PreparedStatement ps, T item) throws SQLException;
  }

  /** Reads one row. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;

  public Sql(JdbcOperations jdbc, TransactionOperations<Connection> tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  public <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
    return jdbc.execute(conn -> {
      try (PreparedStatement ps = conn.prepareStatement(sql)) {
        binder.bind(ps);
        try (ResultSet rs = ps.executeQuery()) {
          List<T> rows = new ArrayList<>();
          while (rs.next()) {
            rows.add(mapper.map(rs));
          }
          return rows;
        }
      }
    });
  }

  /** The first row's value; empty if there is no row, or if the mapper made {@code null} of it. */
  public <T> Optional<T> queryOne(String sql, Binder binder, RowMapper<T> mapper) {
    List<T> rows = query(sql, binder, mapper);
    return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
  }

  public long count(String sql, Binder binder) {
    return queryOne(sql, binder, rs -> rs.getLong(1)).orElse(0L);
  }

  public int update(String sql, Binder binder) {
    return jdbc.execute(conn -> {
      try (PreparedStatement ps = conn.prepareStatement(sql)) {
        binder.bind(ps);
        return ps.executeUpdate();
      }
    });
  }

  /** Runs one statement for every item as a JDBC batch; returns the update count of each item. */
  public <T> int[] batch(String sql, List<T> items, ItemBinder<T> binder) {
    if (items.isEmpty()) {
      return new int[0];
    }
    return jdbc.execute(conn -> {
      try (PreparedStatement ps = conn.prepareStatement(sql)) {
        for (T item : items) {
          binder.bind(ps, item);
          ps.addBatch();
        }
        return ps.executeBatch();
      }
    });
  }

  /** Binds one row of a multi-row insert, its first parameter at {@code first}. */
  @FunctionalInterface
  public interface RowBinder<T> {
    void bind(PreparedStatement ps, int first, T item) throws SQLException;
  }

  /** Rows per statement of {@link #insertRows}. */
  private static final int ROWS_PER_INSERT = 200;

  /**
   * Inserts {@code items} with multi-row {@code INSERT ... VALUES (..), (..)} statements of up to 200 rows: one
   * statement parsed and sent per 200 rows, the fastest portable path on H2 and PostgreSQL alike (a JDBC batch sends
   * and runs every row on its own). {@code values} is one row's tuple with {@code params} placeholders.
   */
  public <T> int insertRows(String insertInto, String values, int params, List<T> items, RowBinder<T> binder) {
    int inserted = 0;
    for (int from = 0; from < items.size(); from += ROWS_PER_INSERT) {
      List<T> chunk = items.subList(from, Math.min(items.size(), from + ROWS_PER_INSERT));
      String statement = insertInto + " VALUES " + String.join(", ", java.util.Collections.nCopies(chunk.size(), values));
      inserted += update(statement, ps -> {
        for (int i = 0; i < chunk.size(); i++) {
          binder.bind(ps, 1 + i * params, chunk.get(i));
        }
      });
    }
    return inserted;
  }

  /** Where {@link #queryIn} and {@link #updateIn} put the parameters of a key list. */
  public static final String KEYS = ":keys";

  /** Keys per statement of {@link #queryIn} and {@link #updateIn}: well within every database's parameter limit. */
  private static final int KEYS_PER_STATEMENT = 500;

  /**
   * Runs a query whose {@code IN (:keys)} lists {@code keys}, a statement per chunk of keys, and returns all the rows
   * (in chunk order: sorted keys and an {@code ORDER BY} on the key keep the whole result sorted).
   */
  public <K, T> List<T> queryIn(String sql, List<K> keys, RowMapper<T> mapper) {
    List<T> rows = new ArrayList<>();
    forChunks(keys, chunk -> rows.addAll(query(sql.replace(KEYS, placeholders(chunk.size())), bindAll(chunk), mapper)));
    return rows;
  }

  /** Runs an update whose {@code IN (:keys)} lists {@code keys}, a statement per chunk; returns the rows changed. */
  public <K> int updateIn(String sql, List<K> keys) {
    int[] changed = {0};
    forChunks(keys, chunk -> changed[0] += update(sql.replace(KEYS, placeholders(chunk.size())), bindAll(chunk)));
    return changed[0];
  }

  private static <K> void forChunks(List<K> keys, java.util.function.Consumer<List<K>> work) {
    for (int from = 0; from < keys.size(); from += KEYS_PER_STATEMENT) {
      work.accept(keys.subList(from, Math.min(keys.size(), from + KEYS_PER_STATEMENT)));
    }
  }

  private static <K> Binder bindAll(List<K> keys) {
    return ps -> {
      for (int i = 0; i < keys.size(); i++) {
        ps.setObject(i + 1, keys.get(i));
      }
    };
  }

  /**
   * A keyset page of the ids one owner has in a two-column link table ({@code job_target}):
   * the next {@code limit} ids after {@code after}, in order. Table and column names come from code, never input.
   */
  public List<String> idsAfter(String table, String ownerColumn, String owner, String idColumn, String after, int limit) {
    return query(
        "SELECT " + idColumn + " FROM " + table + " WHERE " + ownerColumn + " = ? AND " + idColumn + " > ? ORDER BY " + idColumn
            + " FETCH FIRST ? ROWS ONLY",
        ps -> {
          ps.setString(1, owner);
          ps.setString(2, after);
          ps.setInt(3, limit);
        },
        rs -> rs.getString(1));
  }

  // Named placeholders (NamedSql, Params): the same statements as above, bound by name instead of by index.

  public <T> List<T> query(NamedSql statement, Params params, RowMapper<T> mapper) {
    return query(statement.jdbc(params), ps -> statement.bind(ps, params), mapper);
  }

  /** The first row's value; empty if there is no row, or if the mapper made {@code null} of it. */
  public <T> Optional<T> queryOne(NamedSql statement, Params params, RowMapper<T> mapper) {
    List<T> rows = query(statement, params, mapper);
    return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
  }

  public long count(NamedSql statement, Params params) {
    return queryOne(statement, params, rs -> rs.getLong(1)).orElse(0L);
  }

  public int update(NamedSql statement, Params params) {
    return update(statement.jdbc(params), ps -> statement.bind(ps, params));
  }

  /**
   * Runs {@code statement} for every item as a JDBC batch, with the values {@code params} makes of each; returns the
   * update count of each item. A list value is refused: it would change the statement's text from item to item.
   */
  public <T> int[] batch(NamedSql statement, List<T> items, Function<T, Params> params) {
    return batch(statement.jdbc(), items, (ps, item) -> {
      Params values = params.apply(item);
      if (statement.widens(values)) {
        throw new IllegalArgumentException("a list value in a batch (" + values + "): " + statement);
      }
      statement.bind(ps, values);
    });
  }

  public <T> T inTransaction(Supplier<T> work) {
    return tx.executeWrite(status -> work.get());
  }

  public void inTransaction(Runnable work) {
    tx.executeWrite(status -> {
      work.run();
      return null;
    });
  }

  /** Whether the database answers a trivial query: tells an outage from a statement that fails on its data. */
  public boolean isReachable() {
    try {
      return count("SELECT 1", ps -> {}) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  public static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
    if (instant == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setTimestamp(index, Timestamp.from(instant));
    }
  }

  public static Instant getInstant(ResultSet rs, String column) throws SQLException {
    Timestamp ts = rs.getTimestamp(column);
    return ts == null ? null : ts.toInstant();
  }

  public static void setNullableString(PreparedStatement ps, int index, String value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }

  /** {@code ?, ?, ?} for an IN list of {@code n} parameters. */
  public static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }
}
