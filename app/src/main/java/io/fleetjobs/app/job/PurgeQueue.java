package io.fleetjobs.app.job;

import io.fleetjobs.app.common.Sql;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The {@code job_purge} table: deleted jobs whose executions are still to be deleted, and the executions themselves
 * as the purger sees them (keyset pages by {@code job_id, device_id}, deletes by primary key).
 */
@Singleton
class PurgeQueue {

  /** What is left to delete: queued jobs and their executions. */
  record Backlog(long jobs, long executions) {}

  /** One page of a queued job's executions: their keys and the device id the next page starts after. */
  record Page(List<UUID> ids, String lastDevice) {}

  private final Sql sql;

  PurgeQueue(Sql sql) {
    this.sql = sql;
  }

  void enqueue(String jobId, long executions, Instant now) {
    sql.update("INSERT INTO job_purge (job_id, queued_at, remaining) VALUES (?, ?, ?)", ps -> {
      ps.setString(1, jobId);
      Sql.setInstant(ps, 2, now);
      ps.setLong(3, executions);
    });
  }

  /** Queued jobs, oldest first. */
  List<String> queued() {
    return sql.query("SELECT job_id FROM job_purge ORDER BY queued_at, job_id", ps -> {}, rs -> rs.getString(1));
  }

  Backlog backlog() {
    return sql.queryOne("SELECT COUNT(*), COALESCE(SUM(remaining), 0) FROM job_purge", ps -> {},
        rs -> new Backlog(rs.getLong(1), rs.getLong(2))).orElse(new Backlog(0, 0));
  }

  /** The next executions of {@code jobId} after {@code afterDevice}, in the order of the (job_id, device_id) index. */
  Page page(String jobId, String afterDevice, int limit) {
    String[] last = {afterDevice};
    // ordered by both columns of the unique index, so H2 walks the index instead of sorting the job's rows
    List<UUID> ids = sql.query(
        "SELECT id, device_id FROM execution WHERE job_id = ? AND device_id > ? ORDER BY job_id, device_id FETCH FIRST ? ROWS ONLY",
        ps -> {
          ps.setString(1, jobId);
          ps.setString(2, afterDevice);
          ps.setInt(3, limit);
        },
        rs -> {
          last[0] = rs.getString(2);
          return rs.getObject(1, UUID.class);
        });
    return new Page(ids, last[0]);
  }

  /** Deletes one page of executions by primary key and lowers the job's remaining count; one transaction. */
  int deleteBatch(String jobId, List<UUID> ids) {
    return sql.inTransaction(() -> {
      int deleted = sql.updateIn("DELETE FROM execution WHERE id IN (" + Sql.KEYS + ")", ids);
      sql.update("UPDATE job_purge SET remaining = CASE WHEN remaining > ? THEN remaining - ? ELSE 0 END WHERE job_id = ?", ps -> {
        ps.setLong(1, deleted);
        ps.setLong(2, deleted);
        ps.setString(3, jobId);
      });
      return deleted;
    });
  }

  /** The job's executions are all gone: it leaves the queue. */
  void done(String jobId) {
    sql.update("DELETE FROM job_purge WHERE job_id = ?", ps -> ps.setString(1, jobId));
  }
}
