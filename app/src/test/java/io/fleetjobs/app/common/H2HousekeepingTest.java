package io.fleetjobs.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2HousekeepingTest {

  @TempDir
  Path dir;

  /**
   * The service's settings (WRITE_DELAY=0: a chunk per commit, and no H2 background thread), but H2's retention time
   * at 0 so that a rewritten chunk is freed at once rather than 45 s later.
   */
  private JdbcDataSource database() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0;RETENTION_TIME=0");
    ds.setUser("sa");
    return ds;
  }

  private static H2Housekeeping.Connections lending(JdbcDataSource ds) {
    return new H2Housekeeping.Connections() {
      @Override
      public <T> T with(H2Housekeeping.Work<T> work) throws SQLException {
        try (Connection c = ds.getConnection()) {
          return work.on(c);
        }
      }
    };
  }

  /** Rows updated one commit at a time, as device answers are, with a few rows that never change again. */
  private static void churn(Connection c, int commits) throws SQLException {
    try (PreparedStatement update = c.prepareStatement("UPDATE t SET v = ? WHERE id = ?")) {
      for (int i = 0; i < commits; i++) {
        update.setString(1, "v" + i);
        update.setInt(2, i % 10);
        update.executeUpdate();
      }
    }
  }

  private static long chunks(Connection c) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(
        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CHUNK_COUNT'")) {
      rs.next();
      return Long.parseLong(rs.getString(1));
    }
  }

  @Test
  void aRoundRewritesTheSparseChunksThatCommitsWrittenAtOnceLeaveBehindSoTheirSpaceIsFreed() throws Exception {
    JdbcDataSource ds = database();
    H2Housekeeping housekeeping = new H2Housekeeping(lending(ds), Duration.ofSeconds(30));
    try (Connection c = ds.getConnection()) {
      c.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(100))");
      c.createStatement().execute("CREATE TABLE kept (id INT PRIMARY KEY, v VARCHAR(100))");
      c.createStatement().execute("INSERT INTO t SELECT X, 'v' FROM SYSTEM_RANGE(0, 9)");
      for (int i = 0; i < 300; i++) {
        // a live page left in each of many chunks: no chunk ever becomes empty by itself
        c.createStatement().execute("INSERT INTO kept VALUES (" + i + ", '" + "k".repeat(90) + "')");
        churn(c, 5);
      }
      long before = chunks(c);
      churn(c, 5);
      assertThat(chunks(c)).as("chunks without housekeeping").isGreaterThanOrEqualTo(before);

      assertThat(housekeeping.round()).as("something rewritten").isTrue();
      churn(c, 5);
      assertThat(chunks(c)).as("chunks after a round (were %d)", before).isLessThan(before / 4);
    }
  }

  @Test
  void itFindsNothingToDoOnADatabaseThatIsNotAnH2File() throws Exception {
    JdbcDataSource memory = new JdbcDataSource();
    memory.setURL("jdbc:h2:mem:hk-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    assertThat(new H2Housekeeping(lending(memory), Duration.ofSeconds(30)).round()).isFalse();
    assertThat(Files.list(dir)).isEmpty();
  }
}
