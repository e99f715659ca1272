package io.fleetjobs.app.inbox;

import io.fleetjobs.app.engine.Dispatcher;
import io.fleetjobs.app.engine.PendingWork;
import io.fleetjobs.app.engine.UpdateWriter;
import io.fleetjobs.app.device.DeviceService;
import io.fleetjobs.app.device.PropertyReports;
import io.fleetjobs.app.device.Presences;
import io.fleetjobs.app.device.Route;
import io.fleetjobs.app.engine.ExecutionEvent;
import io.fleetjobs.app.engine.Outcome;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.ErrorCode;
import io.fleetjobs.contract.message.ExecutionRequest;
import io.fleetjobs.contract.message.ExecutionUpdate;
import io.fleetjobs.contract.message.PendingExecutions;
import io.fleetjobs.contract.message.PendingRequest;
import io.fleetjobs.contract.message.Presence;
import io.fleetjobs.contract.message.PresenceState;
import io.fleetjobs.contract.message.PropertyReport;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What transports call when a device speaks: the device-facing API of the engine, apart from the operator's REST API.
 * Messages arrive already decoded and validated against the contract.
 */
@Singleton
public class DeviceInbox {

  private final DeviceService devices;
  private final Presences presences;
  private final Dispatcher dispatcher;
  private final PendingWork pendingWork;
  private final UpdateWriter writer;
  private final PropertyReports propertyReports;
  private final Clock clock;

  DeviceInbox(DeviceService devices, Presences presences, Dispatcher dispatcher, PendingWork pendingWork, UpdateWriter writer,
      PropertyReports propertyReports, Clock clock) {
    this.devices = devices;
    this.presences = presences;
    this.dispatcher = dispatcher;
    this.pendingWork = pendingWork;
    this.writer = writer;
    this.propertyReports = propertyReports;
    this.clock = clock;
  }

  /**
   * The one presence path of every transport: queues a birth or last will of a device reached by {@code route} (its
   * own connection, or its gateway); a presence with a {@code lifetime} (CoAP) lapses then unless refreshed.
   * {@code done} gets null once it is recorded, or why it is refused. A device coming online is served its pending
   * work when it asks, as the contract says, and the dispatcher looks for work it can now send.
   */
  public void presence(String deviceId, Route route, Presence presence, Duration lifetime, Consumer<ContractViolation> done) {
    boolean online = presence.state() == PresenceState.ONLINE;
    Instant expiresAt = online && lifetime != null ? clock.instant().plus(lifetime) : null;
    presences.submit(new Presences.Arrival(deviceId, presence, route, expiresAt, result -> {
      if (result.violation() == null && online) {
        dispatcher.wakeUp();
      }
      done.accept(result.violation());
    }));
  }

  /** A pulling device's view of its work: unfinished executions, those not sent before now counting as sent. */
  public List<PendingExecutions.Entry> pending(String deviceId) {
    return pendingWork.claim(deviceId).stream()
        .map(row -> new PendingExecutions.Entry(row.id().toString(), row.jobId()))
        .toList();
  }

  /** One of the device's pending executions, or empty if it has none by that id (any more). */
  public Optional<ExecutionRequest> execution(String deviceId, String executionId) {
    return executionId(executionId).flatMap(id -> pendingWork.request(deviceId, id));
  }

  /**
   * Refuses a message that names a device the sender may not speak for: a gateway only speaks for its own children,
   * and a child only through its gateway.
   */
  public void requireRoute(String deviceId, String gatewayId) {
    devices.requireRoute(deviceId, gatewayId);
  }

  /** Served once the device's birth queued before it is recorded (see {@link Presences#afterQueued}). */
  public void pendingRequest(String deviceId, PendingRequest request) {
    presences.afterQueued(() -> pendingWork.serve(deviceId));
  }

  /** Queues a property report; {@code done} gets null once stored, or why it cannot be. */
  public void properties(String deviceId, PropertyReport report, Consumer<ContractViolation> done) {
    propertyReports.submit(deviceId, report, done);
  }

  /**
   * Queues an execution update; {@code done} runs once it is recorded (or found to be a duplicate), or with a
   * violation if the execution is not this device's.
   */
  public void executionUpdate(String deviceId, ExecutionUpdate update, Consumer<ContractViolation> done) {
    Optional<UUID> parsed = executionId(update.executionId());
    if (parsed.isEmpty()) {
      done.accept(unknownExecution(update.executionId()));
      return;
    }
    UUID id = parsed.get();
    writer.submit(new ExecutionEvent.DeviceReported(id, deviceId, update), outcome ->
        done.accept(outcome == Outcome.UNKNOWN_EXECUTION ? unknownExecution(update.executionId()) : null));
  }

  private static ContractViolation unknownExecution(String executionId) {
    return new ContractViolation(ErrorCode.UNKNOWN_EXECUTION, "executionId", "execution '" + executionId + "' is not one of this device's");
  }

  /**
   * The execution an id names, exactly as the service wrote it (lower-case, canonical): the contract's ids are
   * strings, and Java's parser would also take "1-2-3-4-5" or upper case for someone's id.
   */
  private static Optional<UUID> executionId(String text) {
    try {
      UUID id = UUID.fromString(text);
      return id.toString().equals(text) ? Optional.of(id) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
