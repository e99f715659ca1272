package io.fleetjobs.app.faults;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A killed {@link ServiceProcess}'s H2 file opened with the H2 driver directly: it opens (H2 recovers its file after a
 * kill -9), every table opens, and job counts agree with the executions read row by row. Only while the service is not running.
 */
final class H2File {

  private H2File() {}

  /**
   * Opens the file and returns what is inconsistent in it, empty if nothing: job counts that differ from their
   * executions per status, and executions of a job that is neither there nor queued for purging.
   */
  static List<String> check(Path serviceDir) throws SQLException {
    List<String> problems = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(
        "jdbc:h2:file:" + serviceDir.resolve("data/db/fleet-jobs").toAbsolutePath() + ";AUTO_SERVER=FALSE", "sa", "");
         Statement s = c.createStatement()) {
      for (String table : List.of("job", "job_counts", "execution", "job_purge", "device")) {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
          rs.next(); // every table opens (H2 may answer COUNT(*) from its metadata; the join below reads every execution)
        }
      }
      try (ResultSet rs = s.executeQuery("""
          SELECT c.job_id, c.total, c.pending, c.completed, c.failed, c.canceled,
                 COUNT(e.id), COUNT(CASE WHEN e.status = 'PENDING' THEN 1 END), COUNT(CASE WHEN e.status = 'COMPLETED' THEN 1 END),
                 COUNT(CASE WHEN e.status = 'FAILED' THEN 1 END), COUNT(CASE WHEN e.status = 'CANCELED' THEN 1 END)
          FROM job_counts c LEFT JOIN execution e ON e.job_id = c.job_id
          GROUP BY c.job_id, c.total, c.pending, c.completed, c.failed, c.canceled""")) {
        while (rs.next()) {
          for (int i = 0; i < 5; i++) {
            if (rs.getLong(2 + i) != rs.getLong(7 + i)) {
              problems.add("job " + rs.getString(1) + ": counts (total, pending, completed, failed, canceled) "
                  + row(rs, 2) + " but its executions " + row(rs, 7));
              break;
            }
          }
        }
      }
      try (ResultSet rs = s.executeQuery("""
          SELECT e.job_id, COUNT(*) FROM execution e
          WHERE NOT EXISTS (SELECT 1 FROM job j WHERE j.id = e.job_id) AND NOT EXISTS (SELECT 1 FROM job_purge p WHERE p.job_id = e.job_id)
          GROUP BY e.job_id""")) {
        while (rs.next()) {
          problems.add(rs.getLong(2) + " executions of job " + rs.getString(1) + ", which is neither there nor queued for purging");
        }
      }
    }
    return problems;
  }

  /** Executions left of a job. */
  static long executions(Path serviceDir, String job) throws SQLException {
    try (Connection c = DriverManager.getConnection(
        "jdbc:h2:file:" + serviceDir.resolve("data/db/fleet-jobs").toAbsolutePath() + ";AUTO_SERVER=FALSE", "sa", "");
         var ps = c.prepareStatement("SELECT COUNT(*) FROM execution WHERE job_id = ?")) {
      ps.setString(1, job);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static String row(ResultSet rs, int from) throws SQLException {
    return "(" + rs.getLong(from) + ", " + rs.getLong(from + 1) + ", " + rs.getLong(from + 2) + ", " + rs.getLong(from + 3) + ", "
        + rs.getLong(from + 4) + ")";
  }
}
