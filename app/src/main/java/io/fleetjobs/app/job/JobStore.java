package io.fleetjobs.app.job;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fleetjobs.app.common.JsonText;
import io.fleetjobs.app.common.NamedSql;
import io.fleetjobs.app.common.Params;
import io.fleetjobs.app.common.Sql;
import io.fleetjobs.contract.message.Operation;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The job table. Status changes are written with an optimistic version check. */
@Singleton
public class JobStore {

  private static final TypeReference<List<Operation>> OPERATIONS = new TypeReference<>() {};
  private static final String RUNNING = JobStatus.RUNNING.sql();
  private static final String STORING = Storing.STORING.sql();
  private static final String COLUMNS =
      "id, name, description, device_set_id, operations, status, subset, delivery_timeout_seconds,"
          + " execution_timeout_seconds, copied_from, created_at, started_at, finished_at, storing, storing_after, version";

  private static final NamedSql INSERT = NamedSql.parse("INSERT INTO job (" + COLUMNS + ") VALUES (:id, :name, :description,"
      + " :deviceSetId, :operations, :status, :subset, :deliveryTimeout, :executionTimeout, :copiedFrom, :createdAt, :startedAt,"
      + " :finishedAt, :storing, :storingAfter, 0)");
  private static final NamedSql FIND = NamedSql.parse("SELECT " + COLUMNS + " FROM job WHERE id = :jobId");
  private static final NamedSql SAVE_STATUS = NamedSql.parse("UPDATE job SET status = :status, started_at = :startedAt,"
      + " finished_at = :finishedAt, storing = :storing, storing_after = :storingAfter, version = version + 1"
      + " WHERE id = :jobId AND version = :version");
  private static final NamedSql INSERT_TRANSITION = NamedSql.parse(
      "INSERT INTO job_transition (job_id, from_status, to_status, at, reason, actor) VALUES (:jobId, :from, :to, :at, :reason, :actor)");
  private static final NamedSql HISTORY = NamedSql.parse(
      "SELECT from_status, to_status, at, reason, actor FROM job_transition WHERE job_id = :jobId ORDER BY seq");
  private static final NamedSql RUNNING_JOBS = NamedSql.parse("SELECT " + COLUMNS + " FROM job WHERE status = " + RUNNING + " ORDER BY created_at");
  /** Indexed by {@link Filter#variant}: the filter's columns change the text, so each combination is parsed once. */
  private static final List<NamedSql> PAGE = Filter.variants(where -> "SELECT " + COLUMNS + " FROM job" + where
      + " ORDER BY CASE WHEN status = " + RUNNING + " THEN 0 ELSE 1 END, created_at DESC, id OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY");
  private static final List<NamedSql> COUNT = Filter.variants(where -> "SELECT COUNT(*) FROM job" + where);
  private static final NamedSql FINISHED_BEFORE = NamedSql.parse("SELECT id FROM job WHERE status IN " + JobStatus.terminalSql()
      + " AND finished_at < :cutoff ORDER BY finished_at FETCH FIRST :limit ROWS ONLY");
  private static final NamedSql DELETE = NamedSql.parse("DELETE FROM job WHERE id = :jobId AND version = :version");
  private static final NamedSql DELETE_TARGETS = NamedSql.parse("DELETE FROM job_target WHERE job_id = :jobId");
  private static final NamedSql DELETE_TRANSITIONS = NamedSql.parse("DELETE FROM job_transition WHERE job_id = :jobId");
  private static final NamedSql INSERT_TARGET = NamedSql.parse("INSERT INTO job_target (job_id, device_id) VALUES (:jobId, :deviceId)");
  private static final NamedSql SAVE_STORING = NamedSql.parse(
      "UPDATE job SET storing = :storing, storing_after = :storingAfter, version = version + 1 WHERE id = :jobId AND version = :version");
  private static final NamedSql LOCK = NamedSql.parse("SELECT " + COLUMNS + " FROM job WHERE id = :jobId FOR UPDATE");
  private static final NamedSql IS_STORING = NamedSql.parse("SELECT COUNT(*) FROM job WHERE id = :jobId AND storing = " + STORING);
  private static final NamedSql STORING_JOBS = NamedSql.parse("SELECT id FROM job WHERE status = " + RUNNING + " AND storing = " + STORING);
  private static final NamedSql TARGETS_AFTER = NamedSql.parse(
      "SELECT device_id FROM job_target WHERE job_id = :jobId AND device_id > :after ORDER BY device_id FETCH FIRST :limit ROWS ONLY");
  private static final NamedSql COUNT_BY_STATUS = NamedSql.parse("SELECT status, COUNT(*) FROM job GROUP BY status");

  private final Sql sql;

  JobStore(Sql sql) {
    this.sql = sql;
  }

  public void insert(Job job) {
    sql.update(INSERT, Params.of("id", job.id())
        .and("name", job.name())
        .and("description", job.description())
        .and("deviceSetId", job.deviceSetId())
        .and("operations", JsonText.write(job.operations()))
        .and("status", job.status())
        .and("subset", job.subset())
        .and("deliveryTimeout", job.deliveryTimeout().toSeconds())
        .and("executionTimeout", job.executionTimeout().toSeconds())
        .and("copiedFrom", job.copiedFrom())
        .and("createdAt", job.createdAt())
        .and("startedAt", job.startedAt())
        .and("finishedAt", job.finishedAt())
        .and("storing", job.storing())
        .and("storingAfter", job.storingAfter()));
    writeTransitions(job);
  }

  public Optional<Job> find(String id) {
    return sql.queryOne(FIND, Params.of("jobId", id), JobStore::map);
  }

  /**
   * Writes a status change made through the job's verbs, with its storing phase and the history entries they noted;
   * false if someone else changed the job first.
   */
  public boolean saveStatus(Job job) {
    return sql.update(SAVE_STATUS, Params.of("status", job.status())
            .and("startedAt", job.startedAt())
            .and("finishedAt", job.finishedAt())
            .and("storing", job.storing())
            .and("storingAfter", job.storingAfter())
            .and("jobId", job.id())
            .and("version", job.version()))
        == 1
        && writeTransitions(job);
  }

  /** The changes the job's verbs made, in the caller's transaction (the one writing the status). */
  private boolean writeTransitions(Job job) {
    sql.batch(INSERT_TRANSITION, job.takeTransitions(), t -> Params.of("jobId", job.id())
        .and("from", t.from())
        .and("to", t.to())
        .and("at", t.at())
        .and("reason", t.reason())
        .and("actor", t.by()));
    return true;
  }

  /** The job's state history, oldest first. */
  List<JobTransition> history(String jobId) {
    return sql.query(HISTORY, Params.of("jobId", jobId),
        rs -> new JobTransition(rs.getString(1) == null ? null : JobStatus.valueOf(rs.getString(1)), JobStatus.valueOf(rs.getString(2)),
            Sql.getInstant(rs, "at"), rs.getString(4), rs.getString(5)));
  }

  public List<Job> running() {
    return sql.query(RUNNING_JOBS, Params.none(), JobStore::map);
  }

  /** Running jobs first, then newest first. */
  List<Job> page(JobStatus status, String deviceSetId, long offset, int limit) {
    Filter f = new Filter(status, deviceSetId);
    return sql.query(PAGE.get(f.variant()), f.params().and("offset", offset).and("limit", limit), JobStore::map);
  }

  long count(JobStatus status, String deviceSetId) {
    Filter f = new Filter(status, deviceSetId);
    return sql.count(COUNT.get(f.variant()), f.params());
  }

  /** Ids of finished jobs that finished before {@code cutoff}. */
  public List<String> finishedBefore(Instant cutoff, int limit) {
    return sql.query(FINISHED_BEFORE, Params.of("cutoff", cutoff).and("limit", limit), rs -> rs.getString(1));
  }

  /** Deletes the job's row and chosen devices if its version is still the one read; false if it moved on. */
  boolean delete(Job job) {
    if (sql.update(DELETE, Params.of("jobId", job.id()).and("version", job.version())) != 1) {
      return false;
    }
    sql.update(DELETE_TARGETS, Params.of("jobId", job.id()));
    sql.update(DELETE_TRANSITIONS, Params.of("jobId", job.id()));
    return true;
  }

  void insertTargets(String jobId, List<String> deviceIds) {
    sql.batch(INSERT_TARGET, deviceIds, d -> Params.of("jobId", jobId).and("deviceId", d));
  }

  /** Writes where storing got to ({@link Job#stored}), under the job's row lock ({@link #lock}). */
  public void saveStoring(Job job) {
    sql.update(SAVE_STORING, Params.of("storing", job.storing())
        .and("storingAfter", job.storingAfter())
        .and("jobId", job.id())
        .and("version", job.version()));
  }

  /**
   * Locks a job's row for the rest of the transaction and reads it. A batch of executions being stored holds the same
   * lock until it commits, so a stop waits for the batch, and what a finish decision reads next includes it.
   */
  public Optional<Job> lock(String jobId) {
    return sql.queryOne(LOCK, Params.of("jobId", jobId), JobStore::map);
  }

  public boolean isStoring(String jobId) {
    return sql.count(IS_STORING, Params.of("jobId", jobId)) > 0;
  }

  /** Running jobs whose executions are not all stored yet: after a restart, storing resumes. */
  public List<String> storing() {
    return sql.query(STORING_JOBS, Params.none(), rs -> rs.getString(1));
  }

  /** A keyset page of the job's chosen devices: the next {@code limit} ids after {@code afterId}, in order. */
  public List<String> targetsAfter(String jobId, String afterId, int limit) {
    return sql.query(TARGETS_AFTER, Params.of("jobId", jobId).and("after", afterId).and("limit", limit), rs -> rs.getString(1));
  }

  /** How many jobs there are of each status (a status with none is absent). */
  java.util.Map<JobStatus, Long> countByStatus() {
    java.util.Map<JobStatus, Long> counts = new java.util.EnumMap<>(JobStatus.class);
    sql.query(COUNT_BY_STATUS, Params.none(), rs -> counts.put(JobStatus.valueOf(rs.getString(1)), rs.getLong(2)));
    return counts;
  }

  /** The optional filters of {@link #page} and {@link #count}; an absent one leaves its column out of the WHERE. */
  private record Filter(JobStatus status, String deviceSetId) {

    /** The statement for each combination of filters, at the index {@link #variant} gives it. */
    static List<NamedSql> variants(Function<String, String> statement) {
      List<NamedSql> variants = new ArrayList<>();
      for (int v = 0; v < 4; v++) {
        variants.add(NamedSql.parse(statement.apply(where((v & 1) != 0, (v & 2) != 0))));
      }
      return List.copyOf(variants);
    }

    int variant() {
      return (status != null ? 1 : 0) | (deviceSetId != null ? 2 : 0);
    }

    private static String where(boolean byStatus, boolean byDeviceSet) {
      List<String> parts = new ArrayList<>();
      if (byStatus) {
        parts.add("status = :status");
      }
      if (byDeviceSet) {
        parts.add("device_set_id = :deviceSetId");
      }
      return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
    }

    Params params() {
      Params p = Params.none();
      if (status != null) {
        p = p.and("status", status);
      }
      if (deviceSetId != null) {
        p = p.and("deviceSetId", deviceSetId);
      }
      return p;
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
