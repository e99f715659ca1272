package io.fleetjobs.app.engine;

import io.fleetjobs.app.job.ExecutionDetail;
import io.fleetjobs.app.job.ExecutionStatus;
import io.fleetjobs.app.job.FailureReason;
import io.fleetjobs.app.job.JobStatus;
import io.fleetjobs.app.common.Sql;
import io.fleetjobs.app.device.Route;
import io.fleetjobs.app.device.Transport;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The execution table: one row per device of a job, inserted a few hundred per statement and then written once more
 * when it reaches its final state (sending writes nothing: {@link InFlight}). Every write is batched, and every change
 * is conditional on the row's version (or status), so concurrent writers (device answers, timeouts, a stop) never
 * overwrite each other.
 */
@Singleton
public class ExecutionStore {

  private static final String ROW = "id, job_id, device_id, status, failure_reason, device_version, stored_at, version";
  /** {@link #ROW} for queries that join: the same columns of the execution aliased {@code e}. */
  private static final String E_ROW = "e." + String.join(", e.", ROW.split(", "));
  // statuses in SQL come from the lifecycle: the bulk cancel is PENDING's move to CANCELED, checked once here
  private static final String PENDING = ExecutionStatus.PENDING.sql();
  private static final String CANCELED = ExecutionStatus.PENDING.to(ExecutionStatus.CANCELED).sql();

  private final Sql sql;

  ExecutionStore(Sql sql) {
    this.sql = sql;
  }

  /** Inserts PENDING executions for {@code deviceIds}, a few hundred rows per statement; returns how many. */
  int insertPending(String jobId, List<String> deviceIds, Instant now) {
    return sql.insertRows(
        "INSERT INTO execution (id, job_id, device_id, status, device_version, updated_at, stored_at, version)",
        "(?, ?, ?, " + PENDING + ", 0, ?, ?, 0)", 5,
        deviceIds,
        (ps, i, deviceId) -> {
          ps.setObject(i, UUID.randomUUID());
          ps.setString(i + 1, jobId);
          ps.setString(i + 2, deviceId);
          Sql.setInstant(ps, i + 3, now);
          Sql.setInstant(ps, i + 4, now);
        });
  }

  /** An execution to send, with its device's route read by the same query (no lookup per execution). */
  public record Routed(ExecutionRow row, Route route) {}

  /**
   * Pending executions of a job whose device is online, in device order after {@code afterDevice}; those already in
   * flight are the caller's to skip (sending writes no row).
   */
  public List<Routed> dispatchable(String jobId, String afterDevice, int limit) {
    return sql.query(
        "SELECT " + E_ROW + ", d.transport, d.gateway_id"
            + " FROM execution e JOIN device d ON d.id = e.device_id"
            + " WHERE e.job_id = ? AND e.status = " + PENDING + " AND e.device_id > ? AND d.online = TRUE"
            + " ORDER BY e.device_id FETCH FIRST ? ROWS ONLY",
        ps -> {
          ps.setString(1, jobId);
          ps.setString(2, afterDevice);
          ps.setInt(3, limit);
        },
        rs -> new Routed(row(rs), Route.of(Transport.valueOf(rs.getString("transport")), rs.getString("gateway_id"))));
  }

  /** A device's unfinished executions in running jobs: what a pending request is answered with. */
  public List<ExecutionRow> pendingForDevice(String deviceId) {
    return pendingForDevices(List.of(deviceId));
  }

  /** The unfinished executions in running jobs of each of {@code deviceIds}: pending requests answered together. */
  public List<ExecutionRow> pendingForDevices(List<String> deviceIds) {
    return sql.queryIn(
        "SELECT " + E_ROW + " FROM execution e JOIN job j ON j.id = e.job_id"
            + " WHERE e.device_id IN (" + Sql.KEYS + ") AND e.status = " + PENDING + " AND j.status = " + JobStatus.RUNNING.sql() + " ORDER BY j.created_at",
        deviceIds,
        ExecutionStore::row);
  }

  public List<ExecutionRow> load(List<UUID> ids) {
    // joined with the job: the executions of a deleted job, not yet purged, are unknown to devices' answers too
    return sql.queryIn("SELECT " + E_ROW + " FROM execution e JOIN job j ON j.id = e.job_id WHERE e.id IN (" + Sql.KEYS + ")", ids,
        ExecutionStore::row);
  }

  /** Writes decided changes; per change, 1 if written, 0 if the row had moved on (re-read and decide again). */
  public int[] apply(List<ExecutionChange> changes) {
    return sql.batch(
        "UPDATE execution SET status = ?, failure_reason = ?, error_code = ?, error_message = ?, details = COALESCE(?, details),"
            + " results = COALESCE(?, results), device_version = ?, dispatched_at = COALESCE(?, dispatched_at), updated_at = ?,"
            + " finished_at = ?, version = version + 1 WHERE id = ? AND version = ?",
        changes,
        (ps, c) -> {
          ps.setString(1, c.status().name());
          Sql.setNullableString(ps, 2, c.failureReason() == null ? null : c.failureReason().name());
          Sql.setNullableString(ps, 3, c.errorCode());
          Sql.setNullableString(ps, 4, c.errorMessage());
          Sql.setNullableString(ps, 5, c.detailsJson());
          Sql.setNullableString(ps, 6, c.resultsJson());
          ps.setLong(7, c.deviceVersion());
          Sql.setInstant(ps, 8, c.sentAt());
          Sql.setInstant(ps, 9, c.updatedAt());
          Sql.setInstant(ps, 10, c.finishedAt());
          ps.setObject(11, c.id());
          ps.setLong(12, c.expectedVersion());
        });
  }

  /**
   * A pending execution as the timeout sweep needs it, with its device's presence: a device offline since before the
   * execution was stored (last seen before it) cannot have been sent it, by this process or an earlier one.
   */
  private static final Duration PRESENCE_SLACK = Duration.ofSeconds(10);

  public record Unsent(UUID id, String deviceId, Instant storedAt, long deviceVersion, boolean deviceOnline, Instant deviceLastSeen) {
    boolean storedBefore(Instant resumedAt) {
      return storedAt == null || storedAt.isBefore(resumedAt);
    }

    /**
     * Whether its device may have been online at some time since the execution was stored. Presence is recorded
     * before the device is served (see {@code Presences.afterQueued}); a last will's time is taken when its batch
     * starts, so a walk that read the device online just before that batch committed may have sent an execution
     * stored a moment after that time: the slack covers it.
     */
    boolean deviceSeenSinceStored() {
      return storedAt == null || deviceOnline || (deviceLastSeen != null && !deviceLastSeen.isBefore(storedAt.minus(PRESENCE_SLACK)));
    }
  }

  /** A job's pending executions in device order after {@code afterDevice}. */
  public List<Unsent> pendingAfter(String jobId, String afterDevice, int limit) {
    return sql.query(
        "SELECT e.id, e.device_id, e.stored_at, e.device_version, d.online, d.last_seen_at FROM execution e LEFT JOIN device d ON d.id = e.device_id"
            + " WHERE e.job_id = ? AND e.status = " + PENDING + " AND e.device_id > ? ORDER BY e.device_id FETCH FIRST ? ROWS ONLY",
        ps -> {
          ps.setString(1, jobId);
          ps.setString(2, afterDevice);
          ps.setInt(3, limit);
        },
        rs -> new Unsent(rs.getObject(1, UUID.class), rs.getString(2), Sql.getInstant(rs, "stored_at"), rs.getLong(4), rs.getBoolean(5),
            Sql.getInstant(rs, "last_seen_at")));
  }

  /** Cancels the PENDING ones of executions in flight, each with when it was last sent; returns how many. */
  int cancelSent(java.util.Map<UUID, Instant> sentAt, Instant now) {
    List<java.util.Map.Entry<UUID, Instant>> sent = List.copyOf(sentAt.entrySet());
    int canceled = 0;
    for (int n : sql.batch(
        "UPDATE execution SET status = " + CANCELED + ", dispatched_at = ?, updated_at = ?, finished_at = ?, version = version + 1"
            + " WHERE id = ? AND status = " + PENDING,
        sent,
        (ps, e) -> {
          Sql.setInstant(ps, 1, e.getValue());
          Sql.setInstant(ps, 2, now);
          Sql.setInstant(ps, 3, now);
          ps.setObject(4, e.getKey());
        })) {
      canceled += n > 0 ? n : 0;
    }
    return canceled;
  }

  /** Cancels every PENDING execution of a job at once; returns how many. */
  int cancelPending(String jobId, Instant now) {
    return sql.update(
        "UPDATE execution SET status = " + CANCELED + ", updated_at = ?, finished_at = ?, version = version + 1 WHERE job_id = ? AND status = " + PENDING,
        ps -> {
          Sql.setInstant(ps, 1, now);
          Sql.setInstant(ps, 2, now);
          ps.setString(3, jobId);
        });
  }

  /**
   * Canceled executions of a job stored before {@code resumedAt}, in device order after {@code afterDevice}: those an
   * earlier process may have sent, whose devices a stop tells to cancel as it cannot know which had them.
   */
  public List<ExecutionRow> canceledStoredBefore(String jobId, Instant resumedAt, String afterDevice, int limit) {
    return sql.query(
        "SELECT " + ROW + " FROM execution WHERE job_id = ? AND status = " + CANCELED + " AND device_id > ?"
            + " AND (stored_at IS NULL OR stored_at < ?) ORDER BY device_id FETCH FIRST ? ROWS ONLY",
        ps -> {
          ps.setString(1, jobId);
          ps.setString(2, afterDevice);
          Sql.setInstant(ps, 3, resumedAt);
          ps.setInt(4, limit);
        },
        ExecutionStore::row);
  }

  // every read of a job's executions joins the job: a deleted job's rows stay until the purger has deleted them
  private static final String DETAIL =
      "SELECT e.id, e.device_id, d.name AS device_name, d.deleted_at, e.status, e.failure_reason, e.error_code, e.error_message,"
          + " e.details, e.results, e.dispatched_at, e.updated_at, e.finished_at"
          + " FROM execution e JOIN job j ON j.id = e.job_id LEFT JOIN device d ON d.id = e.device_id WHERE e.job_id = ?";

  /** A page of a job's executions in device order, optionally of one status. */
  List<ExecutionDetail> page(String jobId, ExecutionStatus status, long offset, int limit) {
    return sql.query(
        DETAIL + (status == null ? "" : " AND e.status = ?") + " ORDER BY e.device_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
        ps -> {
          int i = 1;
          ps.setString(i++, jobId);
          if (status != null) {
            ps.setString(i++, status.name());
          }
          ps.setLong(i++, offset);
          ps.setInt(i, limit);
        },
        ExecutionStore::detail);
  }

  /** The executions after {@code afterDevice} in device order: keyset paging for exports of any size. */
  List<ExecutionDetail> after(String jobId, String afterDevice, int limit) {
    return sql.query(
        DETAIL + " AND e.device_id > ? ORDER BY e.device_id FETCH FIRST ? ROWS ONLY",
        ps -> {
          ps.setString(1, jobId);
          ps.setString(2, afterDevice);
          ps.setInt(3, limit);
        },
        ExecutionStore::detail);
  }

  /** When and how a device finished, for the timeline. */
  public record Finish(String deviceId, ExecutionStatus status, Instant at) {}

  /** Finished executions after {@code afterDevice} in device order. */
  List<Finish> finishedAfter(String jobId, String afterDevice, int limit) {
    return sql.query(
        "SELECT e.device_id, e.status, e.finished_at FROM execution e JOIN job j ON j.id = e.job_id"
            + " WHERE e.job_id = ? AND e.device_id > ? AND e.finished_at IS NOT NULL ORDER BY e.device_id FETCH FIRST ? ROWS ONLY",
        ps -> {
          ps.setString(1, jobId);
          ps.setString(2, afterDevice);
          ps.setInt(3, limit);
        },
        rs -> new Finish(rs.getString("device_id"), ExecutionStatus.valueOf(rs.getString("status")), Sql.getInstant(rs, "finished_at")));
  }

  private static ExecutionDetail detail(ResultSet rs) throws SQLException {
    return new ExecutionDetail(
        rs.getObject("id", UUID.class),
        rs.getString("device_id"),
        rs.getString("device_name"),
        rs.getString("device_name") == null || rs.getTimestamp("deleted_at") != null,
        ExecutionStatus.valueOf(rs.getString("status")),
        reason(rs.getString("failure_reason")),
        rs.getString("error_code"),
        rs.getString("error_message"),
        rs.getString("details"),
        rs.getString("results"),
        Sql.getInstant(rs, "dispatched_at"),
        Sql.getInstant(rs, "updated_at"),
        Sql.getInstant(rs, "finished_at"));
  }

  private static FailureReason reason(String name) {
    return name == null ? null : FailureReason.valueOf(name);
  }

  private static ExecutionRow row(ResultSet rs) throws SQLException {
    return new ExecutionRow(
        rs.getObject("id", UUID.class),
        rs.getString("job_id"),
        rs.getString("device_id"),
        ExecutionStatus.valueOf(rs.getString("status")),
        reason(rs.getString("failure_reason")),
        rs.getLong("device_version"),
        Sql.getInstant(rs, "stored_at"),
        rs.getLong("version"));
  }

}
