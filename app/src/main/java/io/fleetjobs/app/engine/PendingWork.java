package io.fleetjobs.app.engine;

import io.fleetjobs.app.common.BackgroundLoop;
import io.fleetjobs.app.common.BatchLoop;
import io.fleetjobs.app.common.TransientRetry;
import io.fleetjobs.app.device.DeviceService;
import io.fleetjobs.app.job.ExecutionStatus;
import io.fleetjobs.app.job.Job;
import io.fleetjobs.app.job.JobStatus;
import io.fleetjobs.app.job.JobStore;
import io.fleetjobs.contract.message.ExecutionRequest;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a device is owed when it asks: over MQTT its pending request is answered by (re)sending every unfinished
 * execution it has in running jobs, in batches (a fleet reconnecting asks thousands of times at once); over CoAP the
 * device pulls the list ({@link #claim}) and then each request ({@link #request}).
 */
@Singleton
public class PendingWork implements BackgroundLoop {

  private final ExecutionStore executions;
  private final JobStore jobs;
  private final DeviceService devices;
  private final ExecutionSender sender;
  private final InFlight inFlight;
  private final Clock clock;
  private final BatchLoop<String> requests;

  PendingWork(ExecutionStore executions, JobStore jobs, DeviceService devices, ExecutionSender sender, InFlight inFlight, Clock clock,
      TransientRetry retry) {
    this.executions = executions;
    this.jobs = jobs;
    this.devices = devices;
    this.sender = sender;
    this.inFlight = inFlight;
    this.clock = clock;
    this.requests = new BatchLoop<>("fleet-pending-requests", 1000, this::serve, id -> {}, retry);
  }

  @Override
  public String name() {
    return "fleet-pending-requests";
  }

  @Override
  public Phase phase() {
    return Phase.ENGINE;
  }

  @Override
  public void start() {
    requests.start();
  }

  @Override
  public void stop() {
    requests.stop();
  }

  /** Queues a device's pending request; answered with the others that queued up, in one query. */
  public void serve(String deviceId) {
    requests.submit(deviceId);
  }

  private void serve(List<String> deviceIds) {
    long readAt = inFlight.epoch();
    List<ExecutionRow> rows = executions.pendingForDevices(deviceIds.stream().distinct().toList());
    if (!rows.isEmpty()) {
      Map<String, Job> byId = new HashMap<>();
      // these devices just spoke, so their routes are cached
      sender.send(rows.stream().map(row -> new ExecutionStore.Routed(row, devices.routeOf(row.deviceId()))).toList(),
          jobId -> byId.computeIfAbsent(jobId, id -> jobs.find(id).orElse(null)), readAt);
    }
  }

  /**
   * What a device that pulls its work (CoAP) is owed now: its unfinished executions in running jobs. Those never
   * sent count as sent from now, so their timeout starts; nothing is pushed, the device is reading the list.
   */
  public List<ExecutionRow> claim(String deviceId) {
    long readAt = inFlight.epoch();
    List<ExecutionRow> rows = executions.pendingForDevice(deviceId);
    sender.claim(rows.stream().filter(r -> !inFlight.contains(r.id())).toList(), readAt);
    // one refused (being failed as never delivered, or read before such a verdict) is not listed: the next read shows it
    return rows.stream().filter(r -> inFlight.contains(r.id())).toList();
  }

  /** The request for one of a device's pending executions, as it was (or would be) sent to it. */
  public Optional<ExecutionRequest> request(String deviceId, UUID executionId) {
    return executions.load(List.of(executionId)).stream()
        .filter(row -> row.deviceId().equals(deviceId) && row.status() == ExecutionStatus.PENDING)
        .findFirst()
        .flatMap(row -> jobs.find(row.jobId())
            .filter(job -> job.status() == JobStatus.RUNNING)
            .map(job -> {
              Instant sentAt = inFlight.lastSentAt(row.id());
              return ExecutionRequest.of(row.id().toString(), job.id(), 1, job.operations(), job.executionTimeout().toSeconds(),
                  sentAt == null ? clock.instant() : sentAt);
            }));
  }
}
