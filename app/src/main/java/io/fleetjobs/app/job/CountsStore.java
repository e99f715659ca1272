package io.fleetjobs.app.job;

import io.fleetjobs.app.common.NamedSql;
import io.fleetjobs.app.common.Params;
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

  private static final NamedSql CREATE = NamedSql.parse(
      "INSERT INTO job_counts (job_id, total, pending, completed, failed, canceled) VALUES (:jobId, 0, 0, 0, 0, 0)");
  private static final NamedSql ADD = NamedSql.parse("UPDATE job_counts SET total = total + :total, pending = pending + :pending,"
      + " completed = completed + :completed, failed = failed + :failed, canceled = canceled + :canceled WHERE job_id = :jobId");
  private static final NamedSql GET = NamedSql.parse("SELECT total, pending, completed, failed, canceled FROM job_counts WHERE job_id = :jobId");
  private static final NamedSql GET_ALL = NamedSql.parse(
      "SELECT job_id, total, pending, completed, failed, canceled FROM job_counts WHERE job_id IN (:jobIds)");
  private static final NamedSql DELETE = NamedSql.parse("DELETE FROM job_counts WHERE job_id = :jobId");

  private final Sql sql;

  public CountsStore(Sql sql) {
    this.sql = sql;
  }

  public void create(String jobId) {
    sql.update(CREATE, Params.of("jobId", jobId));
  }

  /** Adds {@code delta} (which may be negative) to each count. */
  public void add(String jobId, JobCounts delta) {
    sql.update(ADD, Params.of("total", delta.total())
        .and("pending", delta.pending())
        .and("completed", delta.completed())
        .and("failed", delta.failed())
        .and("canceled", delta.canceled())
        .and("jobId", jobId));
  }

  public JobCounts get(String jobId) {
    return sql.queryOne(GET, Params.of("jobId", jobId),
            rs -> new JobCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
        .orElse(JobCounts.NONE);
  }

  /** The counts of the jobs on one page of the job list, in one statement. */
  Map<String, JobCounts> getAll(List<String> jobIds) {
    Map<String, JobCounts> result = new HashMap<>();
    if (jobIds.isEmpty()) {
      return result;
    }
    sql.query(GET_ALL, Params.of("jobIds", jobIds),
        rs -> result.put(rs.getString(1), new JobCounts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6))));
    return result;
  }

  void delete(String jobId) {
    sql.update(DELETE, Params.of("jobId", jobId));
  }
}
