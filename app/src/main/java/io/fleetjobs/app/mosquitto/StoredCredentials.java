package io.fleetjobs.app.mosquitto;

import io.fleetjobs.app.identity.DeviceCredentials;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The usable device credentials read straight from the database, for the {@code mosquitto-files} command, which runs
 * without the service (and so without its repositories): the same rows as {@link DeviceCredentials#usable()}.
 */
final class StoredCredentials {

  private static final String QUERY = "SELECT device_id, secret_hash FROM device_credential WHERE revoked_at IS NULL ORDER BY device_id";

  private StoredCredentials() {}

  /**
   * The usable credentials, or empty when the database or its credential table does not exist yet (the service creates
   * them at its first start). An H2 database is never created by this read.
   */
  static Optional<List<DeviceCredentials.Usable>> read(String url, String username, String password) throws SQLException {
    String opened = url.startsWith("jdbc:h2:") && !url.toUpperCase(java.util.Locale.ROOT).contains("IFEXISTS") ? url + ";IFEXISTS=TRUE" : url;
    try (Connection connection = DriverManager.getConnection(opened, username, password);
        PreparedStatement statement = connection.prepareStatement(QUERY);
        ResultSet rows = statement.executeQuery()) {
      List<DeviceCredentials.Usable> usable = new ArrayList<>();
      while (rows.next()) {
        usable.add(new DeviceCredentials.Usable(rows.getString(1), rows.getString(2)));
      }
      return Optional.of(usable);
    } catch (SQLException e) {
      if (missing(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** No such table (H2 42S02 / 42104, PostgreSQL 42P01), or no such H2 database (90146). */
  private static boolean missing(SQLException e) {
    String state = e.getSQLState();
    return "42S02".equals(state) || "42P01".equals(state) || "42S04".equals(state) || e.getErrorCode() == 90146 || "90146".equals(state);
  }
}
