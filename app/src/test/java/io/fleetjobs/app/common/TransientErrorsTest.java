package io.fleetjobs.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import java.net.ConnectException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TransientErrorsTest {

  @ParameterizedTest(name = "SQL state {0} is worth retrying")
  @ValueSource(strings = {"08006", "08003", "08001", "57P01", "57P03", "53300", "57014", "40001", "40P01", "55P03", "HYT00", "90067"})
  void connectionLossesShutdownsTimeoutsAndLockRacesAreTransient(String state) {
    assertThat(TransientErrors.isTransient(new DataAccessException("failed", new SQLException("driver says", state)))).isTrue();
  }

  @ParameterizedTest(name = "SQL state {0} would fail again")
  @ValueSource(strings = {"23505", "23503", "42P01", "22001", "42601"})
  void failuresAboutTheDataOrTheStatementAreNot(String state) {
    assertThat(TransientErrors.isTransient(new DataAccessException("failed", new SQLException("driver says", state)))).isFalse();
  }

  @Test
  void anExhaustedPoolAndARefusedConnectionAreTransientThroughMicronautsWrapping() {
    SQLTransientConnectionException timedOut = new SQLTransientConnectionException("HikariPool-1 - Connection is not available");
    assertThat(TransientErrors.isTransient(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", timedOut))).isTrue();
    assertThat(TransientErrors.isTimeout(timedOut)).as("no connection is not a statement timeout").isFalse();
    assertThat(TransientErrors.isTransient(new RuntimeException(new SQLException("refused", null, new ConnectException("Connection refused"))))).isTrue();
  }

  @Test
  void aBatchCanceledByTheStatementTimeoutIsFoundInTheNextException() {
    BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", null, 0, new int[0]);
    batch.setNextException(new SQLException("canceling statement due to statement timeout", "57014"));
    assertThat(TransientErrors.isTransient(new DataAccessException("insert failed", batch))).isTrue();
    assertThat(TransientErrors.isTimeout(new DataAccessException("wrapped", new SQLException("canceled", "57014")))).isTrue();
  }

  @Test
  void aFailureWithoutADatabaseCauseIsNotTransient() {
    assertThat(TransientErrors.isTransient(new IllegalStateException("a bug"))).isFalse();
  }

  @Test
  void theSummaryIsTheInnermostMessageOnOneLineClipped() {
    String summary = TransientErrors.summary(new DataAccessException("outer", new SQLException("line one\n  line two " + "x".repeat(300), "57014")));
    assertThat(summary).startsWith("SQLException: line one line two").doesNotContain("\n").hasSizeLessThanOrEqualTo(201);
  }
}
