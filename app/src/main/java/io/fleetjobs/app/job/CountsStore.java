package io.fleetjobs.app.job;

import io.fleetjobs.app.common.Sql;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maintained per-status counts of each job: changed only by relative updates in the same transaction as the
 * executions they count, so reading them never scans executions.
 */
@Singleton
public class CountsStore {

  private final Sql sql;

  public CountsStore(Sql sql) {
    this.sql = sql;
  }

  public void create(String jobId) {
    sql.update("INSERT INTO job_counts (job_id, total, pending, completed, failed, canceled) VALUES (?, 0, 0, 0, 0, 0)",
        ps -> ps.setString(1, jobId));
  }

  /** Adds {@code delta} (which may be negative) to each count. */
  public void add(String jobId, JobCounts delta) {
    sql.update(
        "UPDATE job_counts SET total = total + ?, pending = pending + ?, completed = completed + ?, failed = failed + ?,"
            + " canceled = canceled + ? WHERE job_id = ?",
        ps -> {
          ps.setLong(1, delta.total());
          ps.setLong(2, delta.pending());
          ps.setLong(3, delta.completed());
          ps.setLong(4, delta.failed());
          ps.setLong(5, delta.canceled());
          ps.setString(6, jobId);
        });
  }

  public JobCounts get(String jobId) {
    return sql.queryOne(
            "SELECT total, pending, completed, failed, canceled FROM job_counts WHERE job_id = ?", ps -> ps.setString(1, jobId), rs ->
                new JobCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
        .orElse(JobCounts.NONE);
  }

  Map<String, JobCounts> getAll(List<String> jobIds) {
    Map<String, JobCounts> result = new HashMap<>();
    if (jobIds.isEmpty()) {
      return result;
    }
    sql.query(
        "SELECT job_id, total, pending, completed, failed, canceled FROM job_counts WHERE job_id IN (" + Sql.placeholders(jobIds.size()) + ")",
        ps -> {
          for (int i = 0; i < jobIds.size(); i++) {
            ps.setString(i + 1, jobIds.get(i));
          }
        },
        rs -> result.put(rs.getString(1), new JobCounts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6))));
    return result;
  }

  void delete(String jobId) {
    sql.update("DELETE FROM job_counts WHERE job_id = ?", ps -> ps.setString(1, jobId));
  }
}
