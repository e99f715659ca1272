package io.fleetjobs.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatementTimeoutTest {

  @Test
  void postgresAndH2GetTheTimeoutInTheirOwnDialectInMilliseconds() {
    assertThat(StatementTimeout.initSql("jdbc:postgresql://db:5432/fleet?reWriteBatchedInserts=true", Duration.ofMinutes(1)))
        .isEqualTo("SET statement_timeout = 60000");
    assertThat(StatementTimeout.initSql("jdbc:h2:file:./data/db/fleet-jobs;LOCK_TIMEOUT=10000", Duration.ofSeconds(2)))
        .isEqualTo("SET QUERY_TIMEOUT 2000");
  }

  @Test
  void otherDatabasesGetNothing() {
    assertThat(StatementTimeout.initSql("jdbc:mysql://db/fleet", Duration.ofMinutes(1))).isNull();
    assertThat(StatementTimeout.initSql(null, Duration.ofMinutes(1))).isNull();
  }
}
