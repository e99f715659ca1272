package io.fleetjobs.app.job;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fleetjobs.app.common.JsonText;
import io.fleetjobs.app.common.Sql;
import io.fleetjobs.contract.message.Operation;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The job table. Status changes are written with an optimistic version check. */
@Singleton
public class JobStore {

  private static final TypeReference<List<Operation>> OPERATIONS = new TypeReference<>() {};
  private static final String RUNNING = JobStatus.RUNNING.sql();
  private static final String STORING = Storing.STORING.sql();
  private static final String COLUMNS =
      "id, name, description, device_set_id, operations, status, subset, delivery_timeout_seconds,"
          + " execution_timeout_seconds, copied_from, created_at, started_at, finished_at, storing, storing_after, version";

  private final Sql sql;

  JobStore(Sql sql) {
    this.sql = sql;
  }

  public void insert(Job job) {
    sql.update("INSERT INTO job (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", ps -> {
      ps.setString(1, job.id());
      ps.setString(2, job.name());
      Sql.setNullableString(ps, 3, job.description());
      ps.setString(4, job.deviceSetId());
      ps.setString(5, JsonText.write(job.operations()));
      ps.setString(6, job.status().name());
      ps.setBoolean(7, job.subset());
      ps.setLong(8, job.deliveryTimeout().toSeconds());
      ps.setLong(9, job.executionTimeout().toSeconds());
      Sql.setNullableString(ps, 10, job.copiedFrom());
      Sql.setInstant(ps, 11, job.createdAt());
      Sql.setInstant(ps, 12, job.startedAt());
      Sql.setInstant(ps, 13, job.finishedAt());
      Sql.setNullableString(ps, 14, job.storing() == null ? null : job.storing().name());
      Sql.setNullableString(ps, 15, job.storingAfter());
    });
    writeTransitions(job);
  }

  public Optional<Job> find(String id) {
    return sql.queryOne("SELECT " + COLUMNS + " FROM job WHERE id = ?", ps -> ps.setString(1, id), JobStore::map);
  }

  /**
   * Writes a status change made through the job's verbs, with its storing phase and the history entries they noted;
   * false if someone else changed the job first.
   */
  public boolean saveStatus(Job job) {
    return sql.update(
            "UPDATE job SET status = ?, started_at = ?, finished_at = ?, storing = ?, storing_after = ?, version = version + 1"
                + " WHERE id = ? AND version = ?",
            ps -> {
              ps.setString(1, job.status().name());
              Sql.setInstant(ps, 2, job.startedAt());
              Sql.setInstant(ps, 3, job.finishedAt());
              Sql.setNullableString(ps, 4, job.storing() == null ? null : job.storing().name());
              Sql.setNullableString(ps, 5, job.storingAfter());
              ps.setString(6, job.id());
              ps.setLong(7, job.version());
            })
        == 1
        && writeTransitions(job);
  }

  /** The changes the job's verbs made, in the caller's transaction (the one writing the status). */
  private boolean writeTransitions(Job job) {
    sql.batch("INSERT INTO job_transition (job_id, from_status, to_status, at, reason, actor) VALUES (?, ?, ?, ?, ?, ?)",
        job.takeTransitions(), (ps, t) -> {
          ps.setString(1, job.id());
          Sql.setNullableString(ps, 2, t.from() == null ? null : t.from().name());
          ps.setString(3, t.to().name());
          Sql.setInstant(ps, 4, t.at());
          ps.setString(5, t.reason());
          ps.setString(6, t.by());
        });
    return true;
  }

  /** The job's state history, oldest first. */
  List<JobTransition> history(String jobId) {
    return sql.query("SELECT from_status, to_status, at, reason, actor FROM job_transition WHERE job_id = ? ORDER BY seq",
        ps -> ps.setString(1, jobId),
        rs -> new JobTransition(rs.getString(1) == null ? null : JobStatus.valueOf(rs.getString(1)), JobStatus.valueOf(rs.getString(2)),
            Sql.getInstant(rs, "at"), rs.getString(4), rs.getString(5)));
  }

  public List<Job> running() {
    return sql.query("SELECT " + COLUMNS + " FROM job WHERE status = " + RUNNING + " ORDER BY created_at", ps -> {}, JobStore::map);
  }

  /** Running jobs first, then newest first. */
  List<Job> page(JobStatus status, String deviceSetId, long offset, int limit) {
    Filter f = new Filter(status, deviceSetId);
    return sql.query(
        "SELECT " + COLUMNS + " FROM job" + f.where()
            + " ORDER BY CASE WHEN status = " + RUNNING + " THEN 0 ELSE 1 END, created_at DESC, id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
        ps -> {
          int i = f.bind(ps);
          ps.setLong(i++, offset);
          ps.setInt(i, limit);
        },
        JobStore::map);
  }

  long count(JobStatus status, String deviceSetId) {
    Filter f = new Filter(status, deviceSetId);
    return sql.count("SELECT COUNT(*) FROM job" + f.where(), f::bind);
  }

  /** Ids of finished jobs that finished before {@code cutoff}. */
  public List<String> finishedBefore(Instant cutoff, int limit) {
    return sql.query(
        "SELECT id FROM job WHERE status IN " + JobStatus.terminalSql() + " AND finished_at < ? ORDER BY finished_at FETCH FIRST ? ROWS ONLY",
        ps -> {
          Sql.setInstant(ps, 1, cutoff);
          ps.setInt(2, limit);
        },
        rs -> rs.getString(1));
  }

  /** Deletes the job's row and chosen devices if its version is still the one read; false if it moved on. */
  boolean delete(Job job) {
    if (sql.update("DELETE FROM job WHERE id = ? AND version = ?", ps -> {
      ps.setString(1, job.id());
      ps.setLong(2, job.version());
    }) != 1) {
      return false;
    }
    sql.update("DELETE FROM job_target WHERE job_id = ?", ps -> ps.setString(1, job.id()));
    sql.update("DELETE FROM job_transition WHERE job_id = ?", ps -> ps.setString(1, job.id()));
    return true;
  }

  void insertTargets(String jobId, List<String> deviceIds) {
    sql.batch("INSERT INTO job_target (job_id, device_id) VALUES (?, ?)", deviceIds, (ps, d) -> {
      ps.setString(1, jobId);
      ps.setString(2, d);
    });
  }

  /** Writes where storing got to ({@link Job#stored}), under the job's row lock ({@link #lock}). */
  public void saveStoring(Job job) {
    sql.update("UPDATE job SET storing = ?, storing_after = ?, version = version + 1 WHERE id = ? AND version = ?", ps -> {
      ps.setString(1, job.storing().name());
      Sql.setNullableString(ps, 2, job.storingAfter());
      ps.setString(3, job.id());
      ps.setLong(4, job.version());
    });
  }

  /**
   * Locks a job's row for the rest of the transaction and reads it. A batch of executions being stored holds the same
   * lock until it commits, so a stop waits for the batch, and what a finish decision reads next includes it.
   */
  public Optional<Job> lock(String jobId) {
    return sql.queryOne("SELECT " + COLUMNS + " FROM job WHERE id = ? FOR UPDATE", ps -> ps.setString(1, jobId), JobStore::map);
  }

  public boolean isStoring(String jobId) {
    return sql.count("SELECT COUNT(*) FROM job WHERE id = ? AND storing = " + STORING, ps -> ps.setString(1, jobId)) > 0;
  }

  /** Running jobs whose executions are not all stored yet: after a restart, storing resumes. */
  public List<String> storing() {
    return sql.query("SELECT id FROM job WHERE status = " + RUNNING + " AND storing = " + STORING, ps -> {}, rs -> rs.getString(1));
  }

  public List<String> targetsAfter(String jobId, String afterId, int limit) {
    return sql.idsAfter("job_target", "job_id", jobId, "device_id", afterId, limit);
  }

  /** How many jobs there are of each status (a status with none is absent). */
  java.util.Map<JobStatus, Long> countByStatus() {
    java.util.Map<JobStatus, Long> counts = new java.util.EnumMap<>(JobStatus.class);
    sql.query("SELECT status, COUNT(*) FROM job GROUP BY status", ps -> {}, rs -> counts.put(JobStatus.valueOf(rs.getString(1)), rs.getLong(2)));
    return counts;
  }

  private record Filter(JobStatus status, String deviceSetId) {
    String where() {
      List<String> parts = new ArrayList<>();
      if (status != null) {
        parts.add("status = ?");
      }
      if (deviceSetId != null) {
        parts.add("device_set_id = ?");
      }
      return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
    }

    int bind(PreparedStatement ps) throws SQLException {
      int i = 1;
      if (status != null) {
        ps.setString(i++, status.name());
      }
      if (deviceSetId != null) {
        ps.setString(i++, deviceSetId);
      }
      return i;
    }
  }

  private static Job map(ResultSet rs) throws SQLException {
    return new Job(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("device_set_id"),
        JsonText.read(rs.getString("operations"), OPERATIONS),
        rs.getBoolean("subset"),
        Duration.ofSeconds(rs.getLong("delivery_timeout_seconds")),
        Duration.ofSeconds(rs.getLong("execution_timeout_seconds")),
        rs.getString("copied_from"),
        Sql.getInstant(rs, "created_at"),
        JobStatus.valueOf(rs.getString("status")),
        Sql.getInstant(rs, "started_at"),
        Sql.getInstant(rs, "finished_at"),
        rs.getString("storing") == null ? null : Storing.valueOf(rs.getString("storing")),
        rs.getString("storing_after"),
        rs.getLong("version"));
  }
}
