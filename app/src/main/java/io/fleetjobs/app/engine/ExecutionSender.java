package io.fleetjobs.app.engine;

import io.fleetjobs.app.common.Sql;
import io.fleetjobs.app.job.Job;
import io.fleetjobs.contract.message.ExecutionRequest;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends executions, for the push walk ({@link Dispatcher}) and for pending requests ({@link PendingWork}) alike: those
 * whose device can be reached are marked sent in one transaction, then published with the route they were read
 * with. Only the rows this call marked go out and are counted, so a stop that won the race keeps them from going.
 */
@Singleton
class ExecutionSender {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutionSender.class);

  private final ExecutionStore executions;
  private final DeviceChannel channel;
  private final InFlight inFlight;
  private final EngineMetrics metrics;
  private final Sql sql;
  private final Clock clock;

  ExecutionSender(ExecutionStore executions, DeviceChannel channel, InFlight inFlight, EngineMetrics metrics, Sql sql, Clock clock) {
    this.executions = executions;
    this.channel = channel;
    this.inFlight = inFlight;
    this.metrics = metrics;
    this.sql = sql;
    this.clock = clock;
  }

  /** Sends what can be sent of {@code all}; {@code jobOf} gives each row's job (null: gone). Returns how many went. */
  int send(List<ExecutionStore.Routed> all, Function<String, Job> jobOf) {
    // not sent, so not timing out, while its device cannot be reached; it goes out when the device asks for its work
    List<ExecutionStore.Routed> rows = all.stream().filter(r -> channel.reachable(r.row().deviceId(), r.route())).toList();
    if (rows.isEmpty()) {
      return 0;
    }
    Instant now = clock.instant();
    List<UUID> ids = rows.stream().map(r -> r.row().id()).toList();
    int[] marked = sql.inTransaction(() -> executions.markDispatched(ids, now));
    int sent = 0;
    for (int i = 0; i < rows.size(); i++) {
      ExecutionRow row = rows.get(i).row();
      Job job = jobOf.apply(row.jobId());
      if (marked[i] == 0 || job == null) {
        continue;
      }
      ExecutionRequest request = ExecutionRequest.of(
          row.id().toString(), job.id(), 1, job.operations(), job.executionTimeout().toSeconds(), now);
      inFlight.sent(row.id());
      channel.send(row.deviceId(), rows.get(i).route(), request).whenComplete((ok, error) -> {
        if (error != null) {
          // the execution stays sent-but-unanswered: the device gets it on its next pending request, or it times out
          LOG.warn("Could not send execution {} to device {}: {}", row.id(), row.deviceId(), error.toString());
        }
      });
      sent++;
    }
    metrics.dispatched(sent);
    return sent;
  }

  /** Marks {@code unsent} as sent now without publishing (a device reading its list); counts those this call marked. */
  void claim(List<UUID> unsent) {
    if (unsent.isEmpty()) {
      return;
    }
    int[] marked = sql.inTransaction(() -> executions.markDispatched(unsent, clock.instant()));
    int claimed = 0;
    for (int i = 0; i < unsent.size(); i++) {
      if (marked[i] == 1) {
        inFlight.sent(unsent.get(i));
        claimed++;
      }
    }
    metrics.dispatched(claimed);
  }
}
