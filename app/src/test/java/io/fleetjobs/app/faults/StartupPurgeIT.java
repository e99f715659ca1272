package io.fleetjobs.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The purge at start-up runs while the service answers: with 45,000 expired executions to delete, {@code /health}
 * answers UP while they are still being deleted. (It used to run on the start-up thread, before the HTTP server
 * listened: 2.7 s for 5,700 executions, minutes for a month of history.)
 */
class StartupPurgeIT {

  private static final int JOBS = 3;
  private static final int EXECUTIONS_PER_JOB = 15_000;

  private ServiceProcess service;

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void theServiceAnswersWhileTheStartUpPurgeOfALargeExpiredHistoryIsStillDeletingIt() throws Exception {
    service = ServiceProcess.fresh("startup-purge", Map.of());
    service.start(); // the schema and the first admin
    service.kill();
    SeededHistory history = new SeededHistory(service);
    Instant expired = Instant.now().minus(Duration.ofDays(40));
    for (int i = 0; i < JOBS; i++) {
      history.completedJob(EXECUTIONS_PER_JOB, expired);
    }
    String kept = history.completedJob(10, Instant.now().minus(Duration.ofDays(29)));

    service.start(); // returns as soon as /health answers UP

    List<String> log = Files.readAllLines(service.log(2));
    int started = indexOf(log, "Startup completed");
    assertThat(started).as("the log's start-up line").isNotNegative();
    assertThat(log.subList(0, started)).as("log lines before the server answered").noneMatch(line -> line.contains("Purged"));
    double left = SeededHistory.gauge(service, "fleet_purge_backlog_executions");
    assertThat(left).as("expired executions still to delete when /health first answered UP").isPositive();

    await("the start-up purge finished").atMost(Duration.ofMinutes(3)).until(() ->
        SeededHistory.gauge(service, "fleet_purge_backlog_jobs") == 0 && SeededHistory.gauge(service, "fleet_purge_backlog_executions") == 0);
    assertThat(Files.readString(service.log(2))).contains("Purged the executions of " + JOBS + " deleted jobs: " + JOBS * EXECUTIONS_PER_JOB + " executions");
    assertThat(service.api().get("/api/jobs").body().get("totalItems").asLong()).as("jobs left").isEqualTo(1);
    service.kill();
    assertThat(history.count("SELECT COUNT(*) FROM execution", null)).as("executions left").isEqualTo(10);
    assertThat(history.count("SELECT COUNT(*) FROM job WHERE id = ?", kept)).isEqualTo(1);
  }

  private static int indexOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }
}
