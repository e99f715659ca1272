package io.fleetjobs.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.message.ContractError;
import io.fleetjobs.contract.message.ExecutionCancel;
import io.fleetjobs.contract.message.ExecutionRequest;
import io.fleetjobs.contract.message.Presence;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One virtual device speaking the firmware contract over its own link: birth and last will, a pending request after
 * every (re)connect, executions ({@link ExecutionRunner}), error replies, churn. Network callbacks only decide; the
 * work and the answers run on the fleet's scheduler.
 */
public final class SimulatedDevice {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedDevice.class);
  /** How many error replies a device keeps for {@link #errorsReceived()}; the fleet's counter counts them all. */
  private static final int ERRORS_KEPT = 64;

  /** Which protocol a simulated device speaks. */
  public enum Protocol {
    MQTT,
    COAP
  }

  /** How long a CoAP device's presence lasts; it refreshes it at half that. */
  static final long COAP_LIFETIME_SECONDS = 60;

  private final String id;
  private final Behaviour behaviour;
  private final Dice dice;
  private final ScheduledExecutorService scheduler;
  private final FleetStats stats;
  final DeviceLink link;
  private final ExecutionRunner executions;
  private final Deque<ContractError> errors = new ArrayDeque<>(); // guarded by itself
  private final AtomicBoolean connected = new AtomicBoolean();
  private volatile boolean closed;
  private volatile ScheduledFuture<?> churn;

  /** Makes a device's link once the device knows its birth message and its listener. */
  @FunctionalInterface
  interface LinkFactory {
    DeviceLink create(Presence birth, DeviceLink.Listener listener);
  }

  /** The behaviour does not depend on the link: a direct MQTT or CoAP connection, or a child's topics under a gateway. */
  SimulatedDevice(
      String id, String template, Map<String, String> attributes, Behaviour behaviour, ScheduledExecutorService scheduler,
      FleetStats stats, FleetControl control, LinkFactory links) {
    this.id = id;
    this.behaviour = behaviour;
    this.dice = new Dice(behaviour, id);
    this.scheduler = scheduler;
    this.stats = stats;
    this.executions = new ExecutionRunner(id, dice, behaviour, scheduler, stats, control, this::send);
    Presence birth = Presence.online(template, Map.copyOf(attributes));
    DeviceLink.Listener listener = new DeviceLink.Listener() {
      @Override
      public void connected() {
        onConnected();
      }

      @Override
      public void disconnected() {
        onDisconnected();
      }

      @Override
      public void message(Channel channel, byte[] payload) {
        onMessage(channel, payload);
      }

      @Override
      public void canceled(String executionId) {
        executions.onCancel(executionId);
      }
    };
    this.link = links.create(birth, listener);
  }

  public String id() {
    return id;
  }

  public boolean isConnected() {
    return connected.get();
  }

  /** Connects; completes once the device has announced itself and asked for its pending work. */
  public CompletableFuture<Void> connect() {
    closed = false;
    CompletableFuture<Void> ready = link.connect();
    ready.thenRun(this::scheduleChurn); // churn counts from the announcement, so a drop never cuts it short
    return ready;
  }

  /** Drops the connection without a goodbye, then connects again; completes once announced again. */
  public CompletableFuture<Void> reconnect() {
    cancelChurn();
    return link.drop().exceptionally(e -> null).thenCompose(v -> connect());
  }

  /**
   * Goes away without a goodbye: over MQTT the broker publishes the last will; over CoAP the presence lapses; a
   * gateway's child leaves the gateway, which says OFFLINE for it.
   */
  public void disconnect() {
    cancelChurn();
    if (connected.get()) {
      link.drop().join();
    }
  }

  /** Says OFFLINE itself, then disconnects cleanly; work in progress is abandoned. */
  public CompletableFuture<Void> close() {
    closed = true;
    cancelChurn();
    executions.abandonAll();
    return link.close().exceptionally(e -> null);
  }

  /** Drops work in progress without a word (its gateway is going away). */
  void abandonWork() {
    closed = true;
    cancelChurn();
    executions.abandonAll();
  }

  /** The settings and writable properties the device holds now. */
  public Map<String, JsonNode> settings() {
    return executions.settings();
  }

  /** Execution messages received, repeats included. */
  public int executionsReceived() {
    return executions.executionsReceived();
  }

  /** Final updates (SUCCEEDED, FAILED, REJECTED) published, repeats of one included; malformed ones are not. */
  public int finalUpdatesSent() {
    return executions.finalUpdatesSent();
  }

  /**
   * How many times this device performed the work of job {@code jobId}: executions of it that it took on, however
   * often each was delivered. A device that remembers its executions (contract §7) never performs one twice, so more
   * than 1 means the service gave it the job's work again under another execution id.
   */
  public int applications(String jobId) {
    return executions.applications(jobId);
  }

  /** The final status this device reported for its work of {@code jobId}; null if none (not yet, canceled, silent, malformed). */
  public io.fleetjobs.contract.message.UpdateStatus reported(String jobId) {
    return executions.reported(jobId);
  }

  /** The latest error replies the service sent this device (at most 64), oldest first. */
  public List<ContractError> errorsReceived() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

  /** Publishes raw bytes on one of the device's channels: how tests send contract-breaking messages. */
  public CompletableFuture<Void> publishRaw(Channel channel, byte[] payload) {
    return link.send(channel, payload);
  }

  private void onConnected() {
    if (connected.compareAndSet(false, true)) {
      stats.connected.incrementAndGet();
    }
  }

  private void onDisconnected() {
    if (connected.compareAndSet(true, false)) {
      stats.connected.decrementAndGet();
    }
  }

  private void onMessage(Channel channel, byte[] payload) {
    try {
      switch (channel) {
        case EXECUTION -> executions.onExecution(ContractJson.decode(payload, ExecutionRequest.class));
        case CANCEL -> executions.onCancel(ContractJson.decode(payload, ExecutionCancel.class).executionId());
        case ERROR -> onError(ContractJson.decode(payload, ContractError.class));
        default -> LOG.debug("Device {} ignores a message on {}", id, channel);
      }
    } catch (ContractViolation e) {
      LOG.warn("Device {} got a message that breaks the contract: {}", id, e.getMessage());
    }
  }

  private void onError(ContractError error) {
    stats.errorReceived(id, error);
    synchronized (errors) {
      if (errors.size() == ERRORS_KEPT) {
        errors.removeFirst();
      }
      errors.addLast(error);
    }
    LOG.debug("Device {} got an error reply: {}", id, error);
  }

  /** Churn: drop at a drawn moment (the last will fires), come back after {@code churnFor}, and again. */
  private void scheduleChurn() {
    if (behaviour.churnEvery() == null || churn != null) {
      return;
    }
    churn = scheduler.schedule(() -> {
      churn = null;
      if (connected.get()) {
        link.drop().whenComplete((v, e) -> scheduler.schedule(() -> {
          if (!closed) {
            connect();
          }
        }, behaviour.churnFor().toMillis(), TimeUnit.MILLISECONDS));
      } else if (!closed) {
        scheduleChurn();
      }
    }, dice.churnDelayMillis(), TimeUnit.MILLISECONDS);
  }

  private void cancelChurn() {
    ScheduledFuture<?> c = churn;
    if (c != null) {
      c.cancel(false);
      churn = null;
    }
  }

  private void send(Channel channel, byte[] payload) {
    link.send(channel, payload).exceptionally(e -> {
      LOG.debug("Device {} could not publish on {}: {}", id, channel, e.toString());
      return null;
    });
  }
}
