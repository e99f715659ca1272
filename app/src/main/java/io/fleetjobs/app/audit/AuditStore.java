package io.fleetjobs.app.audit;

import io.fleetjobs.app.api.PageResponse;
import io.fleetjobs.app.common.Sql;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code audit_event} table. Plain SQL rather than a Micronaut Data repository: the log is append-only, written in
 * JDBC batches, read through optional filters and purged by id chunks — none of it CRUD.
 */
@Singleton
class AuditStore {

  private static final String COLUMNS = "id, at, actor, via, method, action, path, target, remote_address, status";

  private final Sql sql;

  AuditStore(Sql sql) {
    this.sql = sql;
  }

  void insertAll(List<AuditEvent> events) {
    sql.batch("INSERT INTO audit_event (at, actor, via, method, action, path, target, remote_address, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        events, (ps, e) -> {
          Sql.setInstant(ps, 1, e.at());
          Sql.setNullableString(ps, 2, e.actor());
          Sql.setNullableString(ps, 3, e.via());
          ps.setString(4, e.method());
          ps.setString(5, e.action());
          ps.setString(6, e.path());
          Sql.setNullableString(ps, 7, e.target());
          ps.setString(8, e.remoteAddress());
          ps.setInt(9, e.status());
        });
  }

  /** One page of the events matching {@code query}, newest first. */
  PageResponse<AuditEvent> page(AuditQuery query) {
    Where where = where(query);
    long total = sql.count("SELECT COUNT(*) FROM audit_event" + where.sql, where::bind);
    List<AuditEvent> items = sql.query(
        "SELECT " + COLUMNS + " FROM audit_event" + where.sql + " ORDER BY at DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
        ps -> {
          int next = where.bind(ps);
          ps.setLong(next, query.page().offset());
          ps.setInt(next + 1, query.page().size());
        },
        AuditStore::map);
    return PageResponse.of(items, query.page(), total);
  }

  /** Deletes up to {@code limit} events older than {@code cutoff}; returns how many went. */
  int purgeBefore(Instant cutoff, int limit) {
    // ids first, through the index on at, then delete by primary key: H2 runs DELETE ... IN (subquery) row by row
    List<Long> ids = sql.query("SELECT id FROM audit_event WHERE at < ? ORDER BY at FETCH FIRST ? ROWS ONLY", ps -> {
      Sql.setInstant(ps, 1, cutoff);
      ps.setInt(2, limit);
    }, rs -> rs.getLong(1));
    return sql.updateIn("DELETE FROM audit_event WHERE id IN (" + Sql.KEYS + ")", ids);
  }

  /** A WHERE clause and its parameters, in order. */
  private record Where(String sql, List<Object> params) {
    /** Binds the parameters; returns the index of the next one. */
    int bind(PreparedStatement ps) throws SQLException {
      for (int i = 0; i < params.size(); i++) {
        if (params.get(i) instanceof Instant instant) {
          Sql.setInstant(ps, i + 1, instant);
        } else {
          ps.setObject(i + 1, params.get(i));
        }
      }
      return params.size() + 1;
    }
  }

  private static Where where(AuditQuery q) {
    List<String> conditions = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (q.actor() != null) {
      conditions.add("actor = ?");
      params.add(q.actor());
    }
    if (q.action() != null) {
      conditions.add("LOWER(action) LIKE ? ESCAPE '!'");
      params.add("%" + q.action().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
    }
    if (q.minStatus() > 100 || q.maxStatus() < 599) {
      conditions.add("status BETWEEN ? AND ?");
      params.add(q.minStatus());
      params.add(q.maxStatus());
    }
    if (q.from() != null) {
      conditions.add("at >= ?");
      params.add(q.from());
    }
    if (q.to() != null) {
      conditions.add("at < ?");
      params.add(q.to());
    }
    return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
  }

  private static AuditEvent map(ResultSet rs) throws SQLException {
    return new AuditEvent(rs.getLong("id"), Sql.getInstant(rs, "at"), rs.getString("actor"), rs.getString("via"), rs.getString("method"),
        rs.getString("action"), rs.getString("path"), rs.getString("target"), rs.getString("remote_address"), rs.getInt("status"));
  }
}
