package io.fleetjobs.app.device;

import io.fleetjobs.app.common.JsonText;
import io.fleetjobs.app.common.NamedSql;
import io.fleetjobs.app.common.Params;
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

  private static final NamedSql FIND = NamedSql.parse("SELECT " + COLUMNS + " FROM device WHERE id = :id");
  private static final NamedSql REVIVE = NamedSql.parse("UPDATE device SET name = :name, template_id = :templateId,"
      + " attributes = :attributes, online = :online, last_seen_at = :lastSeenAt, deleted_at = NULL, transport = :transport,"
      + " gateway_id = :gatewayId, version = version + 1 WHERE id = :id");
  private static final NamedSql INSERT = NamedSql.parse("INSERT INTO device (" + COLUMNS + ", version) VALUES (:id, :name,"
      + " :templateId, :attributes, '{}', 0, :online, :lastSeenAt, :createdAt, NULL, :transport, :gatewayId, 0)");
  private static final NamedSql SET_PRESENCE = NamedSql.parse("UPDATE device SET online = :online, last_seen_at = :seenAt,"
      + " transport = :transport, presence_expires_at = :expiresAt, version = version + 1 WHERE id = :id AND deleted_at IS NULL");
  private static final NamedSql EXPIRE_PRESENCE = NamedSql.parse("UPDATE device SET online = FALSE, presence_expires_at = NULL,"
      + " version = version + 1 WHERE presence_expires_at < :now AND online = TRUE");
  private static final NamedSql ROUTE = NamedSql.parse("SELECT transport, gateway_id FROM device WHERE id = :id AND deleted_at IS NULL");
  private static final NamedSql CHILDREN_OFFLINE = NamedSql.parse("UPDATE device SET online = FALSE, last_seen_at = :at,"
      + " version = version + 1 WHERE gateway_id = :gatewayId AND online = TRUE");
  private static final NamedSql MARK_DELETED = NamedSql.parse(
      "UPDATE device SET deleted_at = :at, online = FALSE, version = version + 1 WHERE id = :id AND deleted_at IS NULL");
  private static final String LIVE_BY_TEMPLATE =
      " FROM device WHERE template_id = :templateId AND id > :after AND deleted_at IS NULL ORDER BY id FETCH FIRST :limit ROWS ONLY";
  private static final NamedSql LIVE_BY_TEMPLATE_WITH_REPORTED = NamedSql.parse("SELECT " + COLUMNS + LIVE_BY_TEMPLATE);
  private static final NamedSql LIVE_BY_TEMPLATE_WITHOUT_REPORTED =
      NamedSql.parse("SELECT " + COLUMNS.replace("reported,", "'{}' AS reported,") + LIVE_BY_TEMPLATE);
  /** Indexed by {@link Where#variant}: the filters change the text, so each combination is parsed once. */
  private static final List<NamedSql> PAGE =
      Where.variants(where -> "SELECT " + COLUMNS + " FROM device" + where + " ORDER BY id OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY");
  private static final List<NamedSql> COUNT = Where.variants(where -> "SELECT COUNT(*) FROM device" + where);
  private static final NamedSql WRITE_REPORTED = NamedSql.parse("UPDATE device SET reported = :reported, reported_version = :version,"
      + " last_seen_at = :now, online = TRUE, version = version + 1 WHERE id = :id AND reported_version < :version AND deleted_at IS NULL");

  private final Sql sql;

  /** A device's merged reported properties (JSON) at {@code version}. */
  record ReportedUpdate(String deviceId, String reportedJson, long version) {}

  DeviceStore(Sql sql) {
    this.sql = sql;
  }

  Optional<Device> find(String id) {
    return sql.queryOne(FIND, Params.of("id", id), DeviceStore::map);
  }

  void insert(Device d) {
    insertAll(List.of(d));
  }

  /** Brings a deleted device back under a new registration; its old job history stays. */
  void revive(Device d) {
    sql.update(REVIVE, Params.of("name", d.name())
        .and("templateId", d.templateId())
        .and("attributes", JsonText.write(d.attributes()))
        .and("online", d.online())
        .and("lastSeenAt", d.lastSeenAt())
        .and("transport", d.transport())
        .and("gatewayId", d.gatewayId())
        .and("id", d.id()));
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
    sql.batch(INSERT, devices, d -> Params.of("id", d.id())
        .and("name", d.name())
        .and("templateId", d.templateId())
        .and("attributes", JsonText.write(d.attributes()))
        .and("online", d.online())
        .and("lastSeenAt", d.lastSeenAt())
        .and("createdAt", d.createdAt())
        .and("transport", d.transport())
        .and("gatewayId", d.gatewayId()));
  }

  void reviveAll(List<Device> devices) {
    devices.forEach(this::revive);
  }

  /** Records presences in one batch; returns, per update, whether a live device took it. */
  int[] setPresences(List<PresenceUpdate> updates) {
    return sql.batch(SET_PRESENCE, updates, u -> Params.of("online", u.online())
        .and("seenAt", u.seenAt())
        .and("transport", u.transport())
        .and("expiresAt", u.expiresAt())
        .and("id", u.id()));
  }

  /** Marks offline the devices whose presence lapsed before {@code now}; returns how many. */
  int expirePresence(Instant now) {
    return sql.update(EXPIRE_PRESENCE, Params.of("now", now));
  }

  /** How a live device is reached; empty for a device not registered (or deleted). */
  Optional<Route> route(String id) {
    return sql.queryOne(ROUTE, Params.of("id", id), rs -> Route.of(Transport.valueOf(rs.getString(1)), rs.getString(2)));
  }

  /** Marks every child of a gateway offline: the gateway's connection is gone, so are they. Returns how many. */
  int childrenOffline(String gatewayId, Instant at) {
    return sql.update(CHILDREN_OFFLINE, Params.of("at", at).and("gatewayId", gatewayId));
  }

  boolean markDeleted(String id, Instant at) {
    return sql.update(MARK_DELETED, Params.of("at", at).and("id", id)) == 1;
  }

  /**
   * Live devices of a template in id order after {@code afterId}: keyset paging that stays fast at any depth. Without
   * {@code withReported} the reported properties are left empty (not parsed): walking a large set for a job whose
   * filter does not look at them costs a fraction.
   */
  List<Device> liveByTemplate(String templateId, String afterId, int limit, boolean withReported) {
    return sql.query(withReported ? LIVE_BY_TEMPLATE_WITH_REPORTED : LIVE_BY_TEMPLATE_WITHOUT_REPORTED,
        Params.of("templateId", templateId).and("after", afterId).and("limit", limit), DeviceStore::map);
  }

  /** Live devices among {@code ids}. */
  List<Device> liveAmong(List<String> ids) {
    return sql.queryIn("SELECT " + COLUMNS + " FROM device WHERE deleted_at IS NULL AND id IN (" + Sql.KEYS + ") ORDER BY id", ids,
        DeviceStore::map);
  }

  List<Device> page(String templateId, Boolean online, boolean includeDeleted, long offset, int limit) {
    Where where = new Where(templateId, online, includeDeleted);
    return sql.query(PAGE.get(where.variant()), where.params().and("offset", offset).and("limit", limit), DeviceStore::map);
  }

  long count(String templateId, Boolean online, boolean includeDeleted) {
    Where where = new Where(templateId, online, includeDeleted);
    return sql.count(COUNT.get(where.variant()), where.params());
  }

  /** The list's optional filters; an absent template or online state leaves its column out of the WHERE. */
  private record Where(String templateId, Boolean online, boolean includeDeleted) {

    /** The statement for each combination of filters, at the index {@link #variant} gives it. */
    static List<NamedSql> variants(java.util.function.Function<String, String> statement) {
      List<NamedSql> variants = new java.util.ArrayList<>();
      for (int v = 0; v < 8; v++) {
        variants.add(NamedSql.parse(statement.apply(sql((v & 1) != 0, (v & 2) != 0, (v & 4) != 0))));
      }
      return List.copyOf(variants);
    }

    int variant() {
      return (templateId != null ? 1 : 0) | (online != null ? 2 : 0) | (includeDeleted ? 4 : 0);
    }

    private static String sql(boolean byTemplate, boolean byOnline, boolean includeDeleted) {
      StringBuilder w = new StringBuilder(includeDeleted ? " WHERE 1 = 1" : " WHERE deleted_at IS NULL");
      if (byTemplate) {
        w.append(" AND template_id = :templateId");
      }
      if (byOnline) {
        w.append(" AND online = :online");
      }
      return w.toString();
    }

    Params params() {
      Params p = Params.none();
      if (templateId != null) {
        p = p.and("templateId", templateId);
      }
      if (online != null) {
        p = p.and("online", online.booleanValue());
      }
      return p;
    }
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
    sql.batch(WRITE_REPORTED, updates, u -> Params.of("reported", u.reportedJson())
        .and("version", u.version())
        .and("now", now)
        .and("id", u.deviceId()));
  }
}
