package io.fleetjobs.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.Topics;
import io.fleetjobs.contract.message.ContractError;
import io.fleetjobs.contract.message.DeviceError;
import io.fleetjobs.contract.message.ExecutionCancel;
import io.fleetjobs.contract.message.ExecutionRequest;
import io.fleetjobs.contract.message.ExecutionUpdate;
import io.fleetjobs.contract.message.Operation;
import io.fleetjobs.contract.message.OperationType;
import io.fleetjobs.contract.message.PendingRequest;
import io.fleetjobs.contract.message.Presence;
import io.fleetjobs.contract.message.PropertyReport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One virtual device with its own MQTT connection, speaking the firmware contract: birth and last will, a pending
 * request after every (re)connect, executions applied after a latency, duplicates answered from memory, cancels.
 * Network callbacks only decide; the work and the answers run on the fleet's scheduler.
 */
public final class SimulatedDevice {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedDevice.class);
  /** How many finished executions a device remembers to answer repeats. */
  private static final int REMEMBERED = 64;
  /** Remembered for executions a silent device swallowed, so repeats stay unanswered too. */
  private static final ExecutionUpdate SWALLOWED = ExecutionUpdate.inProgress("swallowed", 1, Map.of());

  private final String id;
  private final String template;
  private final Map<String, String> attributes;
  private final Behaviour behaviour;
  private final Random random;
  private final ScheduledExecutorService scheduler;
  private final FleetStats stats;
  private final Mqtt5AsyncClient client;
  private final Map<String, ExecutionUpdate> finished = java.util.Collections.synchronizedMap(new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ExecutionUpdate> eldest) {
      return size() > REMEMBERED;
    }
  });
  private final Map<String, ScheduledFuture<?>> working = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> settings = new ConcurrentHashMap<>();
  private final AtomicLong reportVersion = new AtomicLong();
  private final AtomicInteger executionsReceived = new AtomicInteger();
  private final List<ContractError> errors = new CopyOnWriteArrayList<>();
  private volatile CompletableFuture<Void> ready = new CompletableFuture<>();
  private volatile boolean connected;
  private volatile ScheduledFuture<?> churn;

  SimulatedDevice(
      String id, String template, Map<String, String> attributes, Behaviour behaviour, String host, int port,
      ScheduledExecutorService scheduler, FleetStats stats) {
    this.id = id;
    this.template = template;
    this.attributes = Map.copyOf(attributes);
    this.behaviour = behaviour;
    this.random = new Random(behaviour.seed() ^ id.hashCode());
    this.scheduler = scheduler;
    this.stats = stats;
    this.client = Mqtt5Client.builder()
        .identifier(id)
        .serverHost(host)
        .serverPort(port)
        .automaticReconnect().initialDelay(100, TimeUnit.MILLISECONDS).maxDelay(2, TimeUnit.SECONDS).applyAutomaticReconnect()
        .addConnectedListener(ctx -> onConnected())
        .addDisconnectedListener(ctx -> onDisconnected())
        .buildAsync();
  }

  public String id() {
    return id;
  }

  public boolean isConnected() {
    return connected;
  }

  /** Connects; completes once subscribed and the birth message and pending request are out. */
  public CompletableFuture<Void> connect() {
    ready = new CompletableFuture<>();
    client.connectWith()
        .cleanStart(true)
        .keepAlive(30)
        .willPublish()
            .topic(Topics.topic(id, Channel.PRESENCE))
            .qos(MqttQos.AT_LEAST_ONCE)
            .payload(ContractJson.encode(Presence.offline()))
            .applyWillPublish()
        .send()
        .whenComplete((ack, error) -> {
          if (error != null) {
            ready.completeExceptionally(error);
          }
        });
    scheduleChurn();
    return ready;
  }

  /** Drops the connection without a clean goodbye, so the broker publishes the last will (OFFLINE). */
  public void disconnect() {
    cancelChurn();
    client.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send().join();
  }

  /** Says OFFLINE itself, then disconnects cleanly. */
  public CompletableFuture<Void> close() {
    cancelChurn();
    working.values().forEach(f -> f.cancel(false));
    if (!connected) {
      return CompletableFuture.completedFuture(null);
    }
    return publish(Channel.PRESENCE, Presence.offline())
        .thenCompose(v -> client.disconnect())
        .exceptionally(e -> null);
  }

  /** The settings and writable properties the device holds now. */
  public Map<String, JsonNode> settings() {
    return Map.copyOf(settings);
  }

  public int executionsReceived() {
    return executionsReceived.get();
  }

  /** Error replies the service sent this device, oldest first. */
  public List<ContractError> errorsReceived() {
    return List.copyOf(errors);
  }

  /** Publishes raw bytes on one of the device's channels: how tests send contract-breaking messages. */
  public CompletableFuture<Void> publishRaw(Channel channel, byte[] payload) {
    return client.publishWith().topic(Topics.topic(id, channel)).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send()
        .thenApply(r -> null);
  }

  private void onConnected() {
    connected = true;
    stats.connected.incrementAndGet();
    // subscribe first so the answer to the pending request cannot be missed
    // the callback belongs to this subscription: a clean-start session drops the old one with its callback
    client.subscribeWith().topicFilter(Topics.deviceSubscription(id)).qos(MqttQos.AT_LEAST_ONCE).callback(this::onMessage).send()
        .thenCompose(ack -> publish(Channel.PRESENCE, Presence.online(template, attributes)))
        .thenCompose(v -> publish(Channel.PENDING_REQUEST, PendingRequest.now()))
        .whenComplete((v, error) -> {
          if (error != null) {
            ready.completeExceptionally(error);
          } else {
            ready.complete(null);
          }
        });
  }

  private void onDisconnected() {
    if (connected) {
      connected = false;
      stats.connected.decrementAndGet();
    }
  }

  private void onMessage(Mqtt5Publish publish) {
    try {
      Topics.DeviceTopic topic = Topics.parse(publish.getTopic().toString());
      byte[] payload = publish.getPayloadAsBytes();
      switch (topic.channel()) {
        case EXECUTION -> onExecution(ContractJson.decode(payload, ExecutionRequest.class));
        case CANCEL -> onCancel(ContractJson.decode(payload, ExecutionCancel.class));
        case ERROR -> {
          ContractError error = ContractJson.decode(payload, ContractError.class);
          errors.add(error);
          stats.errorsReceived.incrementAndGet();
          LOG.debug("Device {} got an error reply: {}", id, error);
        }
        default -> LOG.debug("Device {} ignores a message on {}", id, topic);
      }
    } catch (ContractViolation e) {
      LOG.warn("Device {} got a message that breaks the contract: {}", id, e.getMessage());
    }
  }

  private void onExecution(ExecutionRequest request) {
    executionsReceived.incrementAndGet();
    stats.executionsReceived.incrementAndGet();
    String executionId = request.executionId();
    ExecutionUpdate last = finished.get(executionId);
    if (last != null || working.containsKey(executionId)) {
      // a repeat (redelivery or an answer to our pending request): never redo the work, repeat the last answer
      stats.duplicates.incrementAndGet();
      if (last != null && last != SWALLOWED) {
        publish(Channel.EXECUTION_UPDATE, last);
      }
      return;
    }
    Outcome outcome = draw();
    if (outcome == Outcome.SILENT) {
      stats.silent.incrementAndGet();
      finished.put(executionId, SWALLOWED);
      return;
    }
    long version = 1;
    if (behaviour.progressUpdates() && outcome != Outcome.MALFORMED) {
      publish(Channel.EXECUTION_UPDATE, ExecutionUpdate.inProgress(executionId, version++, Map.of("step", TextNode.valueOf("applying"))));
    }
    long finalVersion = version;
    // under the lock, so an answer due in a millisecond cannot run before it is registered as work in progress
    synchronized (working) {
      working.put(executionId, scheduler.schedule(() -> finish(request, outcome, finalVersion), latency().toMillis(), TimeUnit.MILLISECONDS));
    }
  }

  private void finish(ExecutionRequest request, Outcome outcome, long version) {
    String executionId = request.executionId();
    synchronized (working) {
      if (working.remove(executionId) == null) {
        return; // canceled meanwhile
      }
    }
    ExecutionUpdate update;
    switch (outcome) {
      case MALFORMED -> {
        stats.malformed.incrementAndGet();
        publishRaw(Channel.EXECUTION_UPDATE, ("{\"contractVersion\":1,\"executionId\":\"" + executionId
            + "\",\"status\":\"DONE\",\"version\":\"" + version + "\"}").getBytes(StandardCharsets.UTF_8));
        return;
      }
      case REJECT -> {
        stats.rejected.incrementAndGet();
        update = ExecutionUpdate.rejected(executionId, version, new DeviceError("NOT_APPLICABLE", "simulated: this device does not apply it"));
      }
      case FAIL -> {
        stats.failed.incrementAndGet();
        Operation first = request.operations().get(0);
        update = ExecutionUpdate.failed(executionId, version,
            new DeviceError("SIMULATED_FAILURE", "simulated failure applying " + first.type() + " " + first.name()));
      }
      default -> {
        stats.succeeded.incrementAndGet();
        update = ExecutionUpdate.succeeded(executionId, version, apply(request.operations()));
      }
    }
    finished.put(executionId, update);
    publish(Channel.EXECUTION_UPDATE, update);
    if (outcome == Outcome.SUCCEED) {
      reportSettings(request.operations());
    }
  }

  private Map<String, JsonNode> apply(List<Operation> operations) {
    Map<String, JsonNode> results = new LinkedHashMap<>();
    for (Operation operation : operations) {
      if (operation.type() == OperationType.COMMAND) {
        results.put(operation.name(), TextNode.valueOf("ok"));
      } else {
        settings.put(operation.name(), operation.value());
      }
    }
    return results;
  }

  private void reportSettings(List<Operation> operations) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    operations.stream().filter(o -> o.type() != OperationType.COMMAND).forEach(o -> values.put(o.name(), o.value()));
    if (!values.isEmpty()) {
      publish(Channel.PROPERTIES, PropertyReport.of(reportVersion.incrementAndGet(), values));
    }
  }

  private void onCancel(ExecutionCancel cancel) {
    stats.cancelsReceived.incrementAndGet();
    ScheduledFuture<?> answer;
    synchronized (working) {
      answer = working.remove(cancel.executionId());
    }
    if (answer != null && answer.cancel(false)) {
      // abandoned before finishing: nothing to report, so the service keeps the execution Canceled
      finished.put(cancel.executionId(), SWALLOWED);
    }
  }

  private enum Outcome { SUCCEED, FAIL, REJECT, SILENT, MALFORMED }

  private synchronized Outcome draw() {
    double r = random.nextDouble();
    if ((r -= behaviour.malformedRate()) < 0) {
      return Outcome.MALFORMED;
    }
    if ((r -= behaviour.silentRate()) < 0) {
      return Outcome.SILENT;
    }
    if ((r -= behaviour.rejectRate()) < 0) {
      return Outcome.REJECT;
    }
    if ((r -= behaviour.failureRate()) < 0) {
      return Outcome.FAIL;
    }
    return Outcome.SUCCEED;
  }

  private synchronized Duration latency() {
    long min = behaviour.latencyMin().toMillis();
    long max = behaviour.latencyMax().toMillis();
    return Duration.ofMillis(max <= min ? min : min + (long) (random.nextDouble() * (max - min)));
  }

  private void scheduleChurn() {
    if (behaviour.churnEvery() == null || churn != null) {
      return;
    }
    long every = behaviour.churnEvery().toMillis();
    long delay = every / 2 + (long) (random.nextDouble() * every);
    churn = scheduler.schedule(() -> {
      churn = null;
      if (connected) {
        client.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send()
            .whenComplete((v, e) -> scheduler.schedule(this::connect, behaviour.churnFor().toMillis(), TimeUnit.MILLISECONDS));
      } else {
        scheduleChurn();
      }
    }, delay, TimeUnit.MILLISECONDS);
  }

  private void cancelChurn() {
    ScheduledFuture<?> c = churn;
    if (c != null) {
      c.cancel(false);
      churn = null;
    }
  }

  private CompletableFuture<Void> publish(Channel channel, Object message) {
    return client.publishWith().topic(Topics.topic(id, channel)).qos(MqttQos.AT_LEAST_ONCE).payload(ContractJson.encode(message)).send()
        .thenApply(r -> (Void) null)
        .exceptionally(e -> {
          LOG.debug("Device {} could not publish on {}: {}", id, channel, e.toString());
          return null;
        });
  }
}
