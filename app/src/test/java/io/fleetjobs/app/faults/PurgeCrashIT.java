package io.fleetjobs.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleetjobs.app.support.Api;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A job deleted and the service killed (SIGKILL) while its executions are being deleted: the job is gone at once and
 * stays gone after the restart, and the purge finishes in the background after it. (The delete used to remove the
 * executions batch by batch inside the request and the job's row last: a kill in between left the job listed with
 * its counts and only part of its rows, until the next purge.)
 */
class PurgeCrashIT {

  private static final int EXECUTIONS = 40_000;

  private ServiceProcess service;

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void aJobDeletedAndKilledMidPurgeIsGoneAtOnceAndAfterTheRestartAndItsPurgeFinishesInTheBackground() throws Exception {
    service = ServiceProcess.fresh("purge-crash", Map.of("fleet.purge.batch-size", "500"));
    service.start(); // the schema and the first admin
    service.kill();
    SeededHistory history = new SeededHistory(service);
    String job = history.completedJob(EXECUTIONS, Instant.now().minus(Duration.ofHours(1)));
    service.start();
    Api api = service.api();
    assertThat(api.get("/api/jobs/" + job).body().get("counts").get("total").asLong()).isEqualTo(EXECUTIONS);

    CompletableFuture<Integer> delete = CompletableFuture.supplyAsync(() -> api.delete("/api/jobs/" + job).status());
    Integer answered = answeredWithin(delete, Duration.ofSeconds(3));
    if (answered != null) {
      assertThat(answered).isEqualTo(204);
      assertGone(api, job, "at once after the DELETE");
      // kill while the background purge is between its first and its last batch
      await("the purge under way").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
        double left = SeededHistory.gauge(service, "fleet_purge_backlog_executions");
        return left > 0 && left < EXECUTIONS;
      });
    } // else the DELETE is still deleting rows in the request: the kill falls in the middle of it all the same
    service.kill();
    long leftByTheKill = history.count("SELECT COUNT(*) FROM execution WHERE job_id = ?", job);

    service.start();
    Api after = service.api();
    assertGone(after, job, "after the restart");
    assertThat(answered).as("the DELETE answered within 3 s (it used to delete every row first)").isNotNull();
    assertThat(leftByTheKill).as("executions the kill left").isBetween(1L, EXECUTIONS - 1L);
    assertThat(Files.readString(service.log(3))).contains("Resuming the purge of 1 queued jobs (" + leftByTheKill + " executions)");
    await("the purge finished after the restart").atMost(Duration.ofMinutes(2)).until(() ->
        SeededHistory.gauge(service, "fleet_purge_backlog_jobs") == 0 && SeededHistory.gauge(service, "fleet_purge_backlog_executions") == 0);
    service.kill();
    assertThat(history.count("SELECT COUNT(*) FROM execution WHERE job_id = ?", job)).as("the job's executions in the database").isZero();
    assertThat(history.count("SELECT COUNT(*) FROM job_purge", null)).as("jobs queued for purging").isZero();
  }

  private static void assertGone(Api api, String job, String when) {
    assertThat(api.get("/api/jobs/" + job).status()).as("the job %s", when).isEqualTo(404);
    assertThat(api.get("/api/jobs/" + job + "/devices?size=1").status()).as("its executions %s", when).isEqualTo(404);
    assertThat(api.text("/api/jobs/" + job + "/devices.csv").status()).as("its CSV %s", when).isEqualTo(404);
    assertThat(api.get("/api/jobs").body().get("totalItems").asLong()).as("jobs listed %s", when).isZero();
  }

  private static Integer answeredWithin(CompletableFuture<Integer> answer, Duration time) throws Exception {
    try {
      return answer.get(time.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException stillDeleting) {
      return null;
    }
  }
}
