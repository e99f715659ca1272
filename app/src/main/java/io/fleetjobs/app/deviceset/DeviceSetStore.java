package io.fleetjobs.app.deviceset;

import io.fleetjobs.app.common.Sql;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The device_set table, in SQL that H2 and PostgreSQL both run. Conditions stay JSON text here. */
@Singleton
class DeviceSetStore {

  /** A stored row, before its conditions are read and its health is judged. */
  record Row(String id, String name, String description, String templateId, String kind, String conditions, Instant createdAt) {}

  private static final String COLUMNS = "id, name, description, template_id, kind, conditions, created_at";

  private final Sql sql;

  DeviceSetStore(Sql sql) {
    this.sql = sql;
  }

  void insert(Row r) {
    sql.update("INSERT INTO device_set (" + COLUMNS + ", version) VALUES (?, ?, ?, ?, ?, ?, ?, 0)", ps -> {
      ps.setString(1, r.id());
      ps.setString(2, r.name());
      Sql.setNullableString(ps, 3, r.description());
      ps.setString(4, r.templateId());
      ps.setString(5, r.kind());
      ps.setString(6, r.conditions());
      Sql.setInstant(ps, 7, r.createdAt());
    });
  }

  Optional<Row> find(String id) {
    return sql.queryOne("SELECT " + COLUMNS + " FROM device_set WHERE id = ?", ps -> ps.setString(1, id), DeviceSetStore::map);
  }

  List<Row> page(long offset, int limit) {
    return sql.query("SELECT " + COLUMNS + " FROM device_set ORDER BY name, id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", ps -> {
      ps.setLong(1, offset);
      ps.setInt(2, limit);
    }, DeviceSetStore::map);
  }

  /** The sets over a template, as {@code 'name' (id)}, in name order. */
  List<String> over(String templateId) {
    return sql.query("SELECT id, name FROM device_set WHERE template_id = ? ORDER BY name, id", ps -> ps.setString(1, templateId),
        rs -> "'" + rs.getString("name") + "' (" + rs.getString("id") + ")");
  }

  long count() {
    return sql.count("SELECT COUNT(*) FROM device_set", ps -> {});
  }

  boolean delete(String id) {
    return sql.update("DELETE FROM device_set WHERE id = ?", ps -> ps.setString(1, id)) == 1;
  }

  private static Row map(ResultSet rs) throws SQLException {
    return new Row(rs.getString("id"), rs.getString("name"), rs.getString("description"), rs.getString("template_id"),
        rs.getString("kind"), rs.getString("conditions"), Sql.getInstant(rs, "created_at"));
  }
}
