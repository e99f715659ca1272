package io.fleetjobs.app.device;

import io.fleetjobs.app.common.JsonText;
import io.fleetjobs.app.common.Sql;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The device table. Plain SQL: presence and property reports are hot paths and change single columns. */
@Singleton
class DeviceStore {

  private static final String COLUMNS =
      "id, name, template_id, attributes, reported, reported_version, online, last_seen_at, created_at, deleted_at, transport, gateway_id";

  private final Sql sql;

  /** A device's merged reported properties (JSON) at {@code version}. */
  record ReportedUpdate(String deviceId, String reportedJson, long version) {}

  DeviceStore(Sql sql) {
    this.sql = sql;
  }

  Optional<Device> find(String id) {
    return sql.queryOne("SELECT " + COLUMNS + " FROM device WHERE id = ?", ps -> ps.setString(1, id), DeviceStore::map);
  }

  void insert(Device d) {
    insertAll(List.of(d));
  }

  /** Brings a deleted device back under a new registration; its old job history stays. */
  void revive(Device d) {
    sql.update(
        "UPDATE device SET name = ?, template_id = ?, attributes = ?, online = ?, last_seen_at = ?, deleted_at = NULL,"
            + " transport = ?, gateway_id = ?, version = version + 1 WHERE id = ?",
        ps -> {
          ps.setString(1, d.name());
          ps.setString(2, d.templateId());
          ps.setString(3, JsonText.write(d.attributes()));
          ps.setBoolean(4, d.online());
          Sql.setInstant(ps, 5, d.lastSeenAt());
          ps.setString(6, d.transport().name());
          ps.setString(7, d.gatewayId());
          ps.setString(8, d.id());
        });
  }

  /** What is registered under each of {@code ids}: live or deleted, and how it is reached. Absent ids are not registered. */
  Map<String, Registration> registrations(List<String> ids) {
    Map<String, Registration> found = new java.util.HashMap<>();
    sql.queryIn("SELECT id, deleted_at, transport, gateway_id FROM device WHERE id IN (" + Sql.KEYS + ")", ids,
            rs -> new Registration(rs.getString(1), rs.getTimestamp(2) != null, Route.of(Transport.valueOf(rs.getString(3)), rs.getString(4))))
        .forEach(r -> found.put(r.id(), r));
    return found;
  }

  record Registration(String id, boolean deleted, Route route) {}

  /** A presence to record: {@code expiresAt} (CoAP) is when it lapses unless refreshed. */
  record PresenceUpdate(String id, boolean online, Instant seenAt, Transport transport, Instant expiresAt) {}

  void insertAll(List<Device> devices) {
    sql.batch("INSERT INTO device (" + COLUMNS + ", version) VALUES (?, ?, ?, ?, '{}', 0, ?, ?, ?, NULL, ?, ?, 0)", devices, (ps, d) -> {
      ps.setString(1, d.id());
      ps.setString(2, d.name());
      ps.setString(3, d.templateId());
      ps.setString(4, JsonText.write(d.attributes()));
      ps.setBoolean(5, d.online());
      Sql.setInstant(ps, 6, d.lastSeenAt());
      Sql.setInstant(ps, 7, d.createdAt());
      ps.setString(8, d.transport().name());
      ps.setString(9, d.gatewayId());
    });
  }

  void reviveAll(List<Device> devices) {
    devices.forEach(this::revive);
  }

  /** Records presences in one batch; returns, per update, whether a live device took it. */
  int[] setPresences(List<PresenceUpdate> updates) {
    return sql.batch(
        "UPDATE device SET online = ?, last_seen_at = ?, transport = ?, presence_expires_at = ?, version = version + 1"
            + " WHERE id = ? AND deleted_at IS NULL",
        updates,
        (ps, u) -> {
          ps.setBoolean(1, u.online());
          Sql.setInstant(ps, 2, u.seenAt());
          ps.setString(3, u.transport().name());
          Sql.setInstant(ps, 4, u.expiresAt());
          ps.setString(5, u.id());
        });
  }

  /** Marks offline the devices whose presence lapsed before {@code now}; returns how many. */
  int expirePresence(Instant now) {
    return sql.update(
        "UPDATE device SET online = FALSE, presence_expires_at = NULL, version = version + 1"
            + " WHERE presence_expires_at < ? AND online = TRUE",
        ps -> Sql.setInstant(ps, 1, now));
  }

  /** How a live device is reached; empty for a device not registered (or deleted). */
  Optional<Route> route(String id) {
    return sql.queryOne("SELECT transport, gateway_id FROM device WHERE id = ? AND deleted_at IS NULL", ps -> ps.setString(1, id),
        rs -> Route.of(Transport.valueOf(rs.getString(1)), rs.getString(2)));
  }

  /** Marks every child of a gateway offline: the gateway's connection is gone, so are they. Returns how many. */
  int childrenOffline(String gatewayId, Instant at) {
    return sql.update(
        "UPDATE device SET online = FALSE, last_seen_at = ?, version = version + 1 WHERE gateway_id = ? AND online = TRUE",
        ps -> {
          Sql.setInstant(ps, 1, at);
          ps.setString(2, gatewayId);
        });
  }

  boolean markDeleted(String id, Instant at) {
    return sql.update(
            "UPDATE device SET deleted_at = ?, online = FALSE, version = version + 1 WHERE id = ? AND deleted_at IS NULL",
            ps -> {
              Sql.setInstant(ps, 1, at);
              ps.setString(2, id);
            })
        == 1;
  }

  /**
   * Live devices of a template in id order after {@code afterId}: keyset paging that stays fast at any depth. Without
   * {@code withReported} the reported properties are left empty (not parsed): walking a large set for a job whose
   * filter does not look at them costs a fraction.
   */
  List<Device> liveByTemplate(String templateId, String afterId, int limit, boolean withReported) {
    String columns = withReported ? COLUMNS : COLUMNS.replace("reported,", "'{}' AS reported,");
    return sql.query(
        "SELECT " + columns + " FROM device WHERE template_id = ? AND id > ? AND deleted_at IS NULL ORDER BY id FETCH FIRST ? ROWS ONLY",
        ps -> {
          ps.setString(1, templateId);
          ps.setString(2, afterId);
          ps.setInt(3, limit);
        },
        DeviceStore::map);
  }

  /** Live devices among {@code ids}. */
  List<Device> liveAmong(List<String> ids) {
    return sql.queryIn("SELECT " + COLUMNS + " FROM device WHERE deleted_at IS NULL AND id IN (" + Sql.KEYS + ") ORDER BY id", ids,
        DeviceStore::map);
  }

  List<Device> page(String templateId, Boolean online, boolean includeDeleted, long offset, int limit) {
    Where where = where(templateId, online, includeDeleted);
    return sql.query(
        "SELECT " + COLUMNS + " FROM device" + where.sql + " ORDER BY id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
        ps -> {
          int i = where.bind(ps);
          ps.setLong(i++, offset);
          ps.setInt(i, limit);
        },
        DeviceStore::map);
  }

  long count(String templateId, Boolean online, boolean includeDeleted) {
    Where where = where(templateId, online, includeDeleted);
    return sql.count("SELECT COUNT(*) FROM device" + where.sql, where::bind);
  }

  private record Where(String sql, String templateId, Boolean online) {
    int bind(java.sql.PreparedStatement ps) throws SQLException {
      int i = 1;
      if (templateId != null) {
        ps.setString(i++, templateId);
      }
      if (online != null) {
        ps.setBoolean(i++, online);
      }
      return i;
    }
  }

  private static Where where(String templateId, Boolean online, boolean includeDeleted) {
    StringBuilder w = new StringBuilder(includeDeleted ? " WHERE 1 = 1" : " WHERE deleted_at IS NULL");
    if (templateId != null) {
      w.append(" AND template_id = ?");
    }
    if (online != null) {
      w.append(" AND online = ?");
    }
    return new Where(w.toString(), templateId, online);
  }

  private static Device map(ResultSet rs) throws SQLException {
    return new Device(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("template_id"),
        JsonText.stringMap(rs.getString("attributes")),
        JsonText.nodeMap(rs.getString("reported")),
        rs.getBoolean("online"),
        Sql.getInstant(rs, "last_seen_at"),
        Sql.getInstant(rs, "created_at"),
        Sql.getInstant(rs, "deleted_at"),
        Transport.valueOf(rs.getString("transport")),
        rs.getString("gateway_id"));
  }

  /**
   * Writes reported properties in one batch; a report older than the one stored, or for a deleted device, changes
   * nothing. The device is online and seen now.
   */
  void writeReported(List<ReportedUpdate> updates, Instant now) {
    sql.batch(
        "UPDATE device SET reported = ?, reported_version = ?, last_seen_at = ?, online = TRUE, version = version + 1"
            + " WHERE id = ? AND reported_version < ? AND deleted_at IS NULL",
        updates,
        (ps, u) -> {
          ps.setString(1, u.reportedJson());
          ps.setLong(2, u.version());
          Sql.setInstant(ps, 3, now);
          ps.setString(4, u.deviceId());
          ps.setLong(5, u.version());
        });
  }
}
