package io.fleetjobs.app.engine;

import io.fleetjobs.app.job.Job;
import io.fleetjobs.contract.message.ExecutionRequest;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends executions, for the push walk ({@link Dispatcher}) and for pending requests ({@link PendingWork}) alike: each
 * whose device can be reached is recorded in {@link InFlight} (no row is written: the execution's one write is its
 * final state) and published with the route it was read with. A stop that drained the job first keeps it from going.
 */
@Singleton
class ExecutionSender {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutionSender.class);

  private final DeviceChannel channel;
  private final InFlight inFlight;
  private final EngineMetrics metrics;
  private final Clock clock;

  ExecutionSender(DeviceChannel channel, InFlight inFlight, EngineMetrics metrics, Clock clock) {
    this.channel = channel;
    this.inFlight = inFlight;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Sends what can be sent of {@code all}, read after {@code readAt} ({@link InFlight#epoch}); {@code jobOf} gives each
   * row's job (null: gone). Returns how many went.
   */
  int send(List<ExecutionStore.Routed> all, Function<String, Job> jobOf, long readAt) {
    Instant now = clock.instant();
    int sent = 0;
    for (ExecutionStore.Routed routed : all) {
      ExecutionRow row = routed.row();
      // not sent, so not timing out, while its device cannot be reached; it goes out when the device asks for its work
      if (!channel.reachable(row.deviceId(), routed.route())) {
        continue;
      }
      Job job = jobOf.apply(row.jobId());
      if (job == null || !inFlight.sent(row.id(), row.jobId(), row.deviceId(), now, readAt)) {
        continue;
      }
      ExecutionRequest request = ExecutionRequest.of(
          row.id().toString(), job.id(), 1, job.operations(), job.executionTimeout().toSeconds(), now);
      channel.send(row.deviceId(), routed.route(), request).whenComplete((ok, error) -> {
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

  /** Counts {@code unsent}, read after {@code readAt}, as sent now without publishing (a device reading its list). */
  void claim(List<ExecutionRow> unsent, long readAt) {
    Instant now = clock.instant();
    metrics.dispatched((int) unsent.stream().filter(row -> inFlight.sent(row.id(), row.jobId(), row.deviceId(), now, readAt)).count());
  }
}
