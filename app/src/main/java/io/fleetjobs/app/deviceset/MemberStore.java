package io.fleetjobs.app.deviceset;

import io.fleetjobs.app.common.Sql;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The device ids of explicit-list sets. */
@Singleton
class MemberStore {

  private final Sql sql;

  MemberStore(Sql sql) {
    this.sql = sql;
  }

  void insert(String setId, List<String> deviceIds) {
    sql.batch("INSERT INTO device_set_member (set_id, device_id) VALUES (?, ?)", deviceIds, (ps, id) -> {
      ps.setString(1, setId);
      ps.setString(2, id);
    });
  }

  List<String> after(String setId, String afterId, int limit) {
    return sql.idsAfter("device_set_member", "set_id", setId, "device_id", afterId, limit);
  }

  /** Which of {@code deviceIds} the set lists. */
  Set<String> listedAmong(String setId, List<String> deviceIds) {
    if (deviceIds.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        sql.query(
            "SELECT device_id FROM device_set_member WHERE set_id = ? AND device_id IN (" + Sql.placeholders(deviceIds.size()) + ")",
            ps -> {
              ps.setString(1, setId);
              for (int i = 0; i < deviceIds.size(); i++) {
                ps.setString(i + 2, deviceIds.get(i));
              }
            },
            rs -> rs.getString(1)));
  }

  void deleteAll(String setId) {
    sql.update("DELETE FROM device_set_member WHERE set_id = ?", ps -> ps.setString(1, setId));
  }
}
