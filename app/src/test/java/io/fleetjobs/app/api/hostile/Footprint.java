package io.fleetjobs.app.api.hostile;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the service has stored, read from its own database on a connection of the test's: the row count of every
 * table, and every row of the tables a refused request could otherwise change without adding a row (users, tokens,
 * credentials, definitions). The audit log is read apart: it is the one table a refused request writes to.
 * Cheaper than a dozen listings per try, and it sees tables no listing shows (credentials, set members, targets).
 */
final class Footprint implements AutoCloseable {

  /** One audit event: enough to tell what it recorded. */
  record AuditRow(long id, String method, String path, int status) {}

  private static final Set<String> NOT_COUNTED = Set.of("audit_event", "flyway_schema_history");
  private static final Set<String> READ_WHOLE = Set.of(
      "fleet_user", "api_token", "enrolment_token", "device_credential", "device_template", "device_set", "device_set_member", "device");

  private final Connection connection;
  private final List<String> tables = new ArrayList<>();

  Footprint(String url, String user, String password) {
    try {
      connection = DriverManager.getConnection(url, user, password);
      try (ResultSet rs = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String schema = rs.getString("TABLE_SCHEM");
          String table = rs.getString("TABLE_NAME");
          if (schema != null && schema.equalsIgnoreCase("public") && !NOT_COUNTED.contains(table.toLowerCase(Locale.ROOT))) {
            tables.add(table);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the service's database " + url, e);
    }
  }

  /** Every table's row count, and the whole content of the standing tables. */
  Map<String, String> now() {
    Map<String, String> f = new LinkedHashMap<>();
    try {
      for (String table : tables) {
        boolean whole = READ_WHOLE.contains(table.toLowerCase(Locale.ROOT));
        f.put(table, whole ? rows("SELECT * FROM " + table + " ORDER BY 1") : rows("SELECT COUNT(*) FROM " + table));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return f;
  }

  List<AuditRow> auditAfter(long id) {
    try (PreparedStatement ps = connection.prepareStatement("SELECT id, method, path, status FROM audit_event WHERE id > ? ORDER BY id")) {
      ps.setLong(1, id);
      List<AuditRow> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new AuditRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  long newestAudit() {
    List<AuditRow> all = auditAfter(-1);
    return all.isEmpty() ? 0 : all.get(all.size() - 1).id();
  }

  private String rows(String sql) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          out.append(rs.getString(c)).append('|');
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // the service's database goes with it
    }
  }
}
