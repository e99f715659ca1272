package io.fleetjobs.sim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.sim.SimulatedFleet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the phases after set-up share: the signed-in API, the simulated fleet on the run's device set, the report,
 * progress lines, the phase timeout, and what is known of the service (its pid and data folder when launched here).
 *
 * @param setId the device set of the run's fleet (its id is the run id)
 * @param pid the service's process id, or -1 when not known
 * @param runDir the launched service's working folder (its H2 database is under {@code db/}), or null with --api
 */
record RunContext(Rest rest, SimulatedFleet fleet, Report report, Progress progress, Duration phaseTimeout, int n, String setId,
    long pid, Path runDir, String brokerHost, int brokerPort) {

  /** A job over the run's device set: when it was created, answered and all its executions terminal (-1: not within the timeout). */
  record JobRun(String id, long createdNanos, long answeredNanos, long terminalNanos, JsonNode last) {
    boolean finished() {
      return terminalNanos >= 0;
    }

    /** From the run answer to the last execution terminal. */
    long nanos() {
      return terminalNanos - answeredNanos;
    }
  }

  /** Polls until true or the phase timeout, with a progress line at most once a second. */
  boolean waitFor(String phase, BooleanSupplier condition, Supplier<String> line) {
    return progress.until(phaseTimeout, phase, condition, line);
  }

  /** The bench's job (one setting, {@code level} = 1, over the set) created with {@code run: true}, until it is done. */
  JobRun runJob(String phase, String name) {
    long created = System.nanoTime();
    JsonNode job = rest.postOk("/api/jobs", """
        {"name": "%s", "deviceSetId": "%s", "run": true, "operations": [{"type": "SETTING", "name": "level", "value": 1}]}
        """.formatted(name, setId));
    long answered = System.nanoTime();
    String id = job.get("id").asText();
    JsonNode[] last = {job};
    boolean done = waitFor(phase, () -> terminal(last[0] = rest.getOk("/api/jobs/" + id)), () -> counts(last[0], answered));
    return new JobRun(id, created, answered, done ? System.nanoTime() : -1, last[0]);
  }

  /** Every execution stored and none pending. */
  boolean terminal(JsonNode job) {
    JsonNode c = job.path("counts");
    return c.path("total").asLong() >= n && c.path("pending").asLong() == 0;
  }

  void delete(String jobId) {
    Rest.ok(rest.delete("/api/jobs/" + jobId), "DELETE /api/jobs/" + jobId);
  }

  static String counts(JsonNode job, long since) {
    JsonNode c = job.path("counts");
    long done = c.path("completed").asLong() + c.path("failed").asLong() + c.path("canceled").asLong();
    double seconds = (System.nanoTime() - since) / 1e9;
    return "%s: total %,d, pending %,d, completed %,d, failed %,d, canceled %,d (%,.0f/s)".formatted(job.path("status").asText(),
        c.path("total").asLong(), c.path("pending").asLong(), c.path("completed").asLong(), c.path("failed").asLong(),
        c.path("canceled").asLong(), seconds > 0 ? done / seconds : 0);
  }
}
