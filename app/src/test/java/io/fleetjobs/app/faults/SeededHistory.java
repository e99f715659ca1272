package io.fleetjobs.app.faults;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * Finished jobs written straight into a stopped {@link ServiceProcess}'s H2 file: a job of thousands of executions
 * in a second, where running one through devices would take minutes. Only the tables every version has (V1), so the
 * same seed runs against the code before a fix.
 */
final class SeededHistory {

  private final Path dir;

  SeededHistory(ServiceProcess service) {
    this.dir = service.dir();
  }

  /** A COMPLETED job that finished at {@code finishedAt} with {@code executions} completed executions; its id. */
  String completedJob(int executions, Instant finishedAt) throws SQLException {
    String id = "seeded-" + UUID.randomUUID().toString().substring(0, 8);
    Timestamp at = Timestamp.from(finishedAt);
    try (Connection c = connect()) {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO job (id, name, device_set_id, operations, status, subset, delivery_timeout_seconds, execution_timeout_seconds,"
              + " created_at, started_at, finished_at, version)"
              + " VALUES (?, ?, 'seeded-set', '[{\"type\": \"SETTING\", \"name\": \"fanSpeed\", \"value\": 1}]', 'COMPLETED', FALSE, 3600, 600, ?, ?, ?, 2)")) {
        ps.setString(1, id);
        ps.setString(2, "seeded " + executions);
        ps.setTimestamp(3, at);
        ps.setTimestamp(4, at);
        ps.setTimestamp(5, at);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO job_counts (job_id, total, pending, completed, failed, canceled) VALUES (?, ?, 0, ?, 0, 0)")) {
        ps.setString(1, id);
        ps.setLong(2, executions);
        ps.setLong(3, executions);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO execution (id, job_id, device_id, status, device_version, updated_at, finished_at, version)"
              + " SELECT RANDOM_UUID(), ?, 'seeded-' || LPAD(CAST(X AS VARCHAR), 7, '0'), 'COMPLETED', 1, ?, ?, 2 FROM SYSTEM_RANGE(1, ?)")) {
        ps.setString(1, id);
        ps.setTimestamp(2, at);
        ps.setTimestamp(3, at);
        ps.setInt(4, executions);
        ps.executeUpdate();
      }
    }
    return id;
  }

  /** A count read from the stopped service's database. */
  long count(String sql, String parameter) throws SQLException {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      if (parameter != null) {
        ps.setString(1, parameter);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("data/db/fleet-jobs").toAbsolutePath() + ";AUTO_SERVER=FALSE", "sa", "");
  }

  /** A gauge's value from {@code /prometheus}, or -1 if the service exports no such gauge. */
  static double gauge(ServiceProcess service, String name) {
    return service.api().text("/prometheus").body().lines()
        .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst().orElse(-1);
  }
}
