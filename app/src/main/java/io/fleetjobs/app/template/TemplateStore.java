package io.fleetjobs.app.template;

import io.fleetjobs.app.common.JsonText;
import io.fleetjobs.app.common.Sql;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The device_template table, in SQL that H2 and PostgreSQL both run. */
@Singleton
class TemplateStore {

  private final Sql sql;

  TemplateStore(Sql sql) {
    this.sql = sql;
  }

  void insert(Template t) {
    sql.update("INSERT INTO device_template (id, name, description, definition, created_at, version) VALUES (?, ?, ?, ?, ?, 0)", ps -> {
      ps.setString(1, t.id());
      ps.setString(2, t.name());
      Sql.setNullableString(ps, 3, t.description());
      ps.setString(4, JsonText.write(t.definition()));
      Sql.setInstant(ps, 5, t.createdAt());
    });
  }

  Optional<Template> find(String id) {
    return sql.queryOne("SELECT id, name, description, definition, created_at FROM device_template WHERE id = ?",
        ps -> ps.setString(1, id), TemplateStore::map);
  }

  List<Template> page(long offset, int limit) {
    return sql.query("SELECT id, name, description, definition, created_at FROM device_template ORDER BY id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
        ps -> {
          ps.setLong(1, offset);
          ps.setInt(2, limit);
        }, TemplateStore::map);
  }

  long count() {
    return sql.count("SELECT COUNT(*) FROM device_template", ps -> {});
  }

  /** Locks the template's row until the transaction ends; false if there is none. */
  boolean lock(String id) {
    return sql.queryOne("SELECT id FROM device_template WHERE id = ? FOR UPDATE", ps -> ps.setString(1, id), rs -> rs.getString(1)).isPresent();
  }

  boolean delete(String id) {
    return sql.update("DELETE FROM device_template WHERE id = ?", ps -> ps.setString(1, id)) == 1;
  }

  private static Template map(ResultSet rs) throws SQLException {
    return new Template(rs.getString("id"), rs.getString("name"), rs.getString("description"),
        JsonText.read(rs.getString("definition"), TemplateDefinition.class), Sql.getInstant(rs, "created_at"));
  }
}
