package io.fleetjobs.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.message.DeviceError;
import io.fleetjobs.contract.message.ExecutionRequest;
import io.fleetjobs.contract.message.ExecutionUpdate;
import io.fleetjobs.contract.message.Operation;
import io.fleetjobs.contract.message.OperationType;
import io.fleetjobs.contract.message.PropertyReport;
import io.fleetjobs.contract.message.UpdateStatus;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device's executions: the outcome is drawn on arrival, the answer comes after a drawn latency on the fleet's
 * scheduler (never on a network thread). Recent answers are remembered, so a repeated execution is answered again
 * with the same update instead of being redone. A cancel of work in progress abandons it silently: by the contract an
 * execution canceled on the service stays Canceled unless the device reports an outcome.
 *
 * <p>Work actually performed is counted per job ({@link #applications}): deliveries of the same execution are not
 * applications, but a second execution of the same job is, since a real device would do that work again.
 */
final class ExecutionRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutionRunner.class);

  /** How many finished executions a device remembers to answer repeats. */
  static final int REMEMBERED = 64;

  /** What a device said last about an execution; {@code isFinal} only for a well-formed final update. */
  private record Said(byte[] payload, boolean isFinal) {
    static final Said NOTHING = new Said(new byte[0], false); // silent, abandoned, or no progress yet
  }

  /** Work in progress: its scheduled answer and what was said so far. */
  private record Running(ScheduledFuture<?> answer, Said latest) {}

  /** What the device did for one job: how often it performed the job's work, and the final status it reported. */
  private static final class Work {
    int applications;
    UpdateStatus reported;
  }

  private final Dice dice;
  private final Behaviour behaviour;
  private final ScheduledExecutorService scheduler;
  private final FleetStats stats;
  private final FleetControl control;
  private final String deviceId;
  private final BiConsumer<Channel, byte[]> outbox;
  // both guarded by "this": a decision and its registration must not interleave with a cancel or a repeat
  private final Map<String, Running> running = new HashMap<>();
  private final Map<String, Said> finished = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Said> eldest) {
      return size() > REMEMBERED;
    }
  };
  private final Map<String, Work> work = new LinkedHashMap<>() { // guarded by "this", like the two above
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Work> eldest) {
      return size() > REMEMBERED;
    }
  };
  private final Map<String, JsonNode> settings = new ConcurrentHashMap<>();
  private final AtomicLong reportVersion = new AtomicLong();
  private final AtomicInteger received = new AtomicInteger();
  private final AtomicInteger finalsSent = new AtomicInteger();

  ExecutionRunner(String deviceId, Dice dice, Behaviour behaviour, ScheduledExecutorService scheduler, FleetStats stats,
      FleetControl control, BiConsumer<Channel, byte[]> outbox) {
    this.deviceId = deviceId;
    this.control = control;
    this.dice = dice;
    this.behaviour = behaviour;
    this.scheduler = scheduler;
    this.stats = stats;
    this.outbox = outbox;
  }

  void onExecution(ExecutionRequest request) {
    received.incrementAndGet();
    stats.executionsReceived.incrementAndGet();
    Said repeat;
    synchronized (this) {
      repeat = lastSaid(request.executionId());
      if (repeat == null) {
        start(request);
        return;
      }
    }
    // a repeat (QoS 1 redelivery, an answer to our pending request): never redo the work, say the same again
    stats.duplicates.incrementAndGet();
    if (repeat.payload().length > 0) {
      say(repeat);
    }
  }

  private Said lastSaid(String executionId) {
    Running r = running.get(executionId);
    return r != null ? r.latest() : finished.get(executionId);
  }

  /** Called holding the lock, so an answer due within a millisecond cannot run before it is registered. */
  private void start(ExecutionRequest request) {
    String executionId = request.executionId();
    if (control.hold) {
      // held like silent work, so a repeat stays unanswered too; no draw, so the dice stay in step for later work
      stats.held.incrementAndGet();
      finished.put(executionId, Said.NOTHING);
      return;
    }
    applied(request);
    Dice.Outcome outcome = dice.outcome();
    if (outcome == Dice.Outcome.SILENT) {
      stats.silent.incrementAndGet();
      finished.put(executionId, Said.NOTHING);
      return;
    }
    long version = 1;
    Said latest = Said.NOTHING;
    if (behaviour.progressUpdates() && outcome != Dice.Outcome.MALFORMED) {
      latest = new Said(ContractJson.encode(
          ExecutionUpdate.inProgress(executionId, version++, Map.of("step", TextNode.valueOf("applying")))), false);
      say(latest);
    }
    long finalVersion = version;
    ScheduledFuture<?> answer = scheduler.schedule(
        () -> finish(request, outcome, finalVersion), dice.latencyMillis(), TimeUnit.MILLISECONDS);
    running.put(executionId, new Running(answer, latest));
  }

  private void finish(ExecutionRequest request, Dice.Outcome outcome, long version) {
    String executionId = request.executionId();
    Said answer;
    synchronized (this) {
      if (running.remove(executionId) == null) {
        return; // canceled meanwhile
      }
      answer = answer(request, outcome, version);
      finished.put(executionId, answer);
      if (answer.isFinal()) {
        work.computeIfAbsent(request.jobId(), j -> new Work()).reported = reported(outcome);
      }
    }
    SimulatedFleet.AnswerListener listener = control.answers;
    if (listener != null && answer.isFinal()) {
      listener.answered(deviceId, executionId, java.time.Instant.now());
    }
    say(answer);
    if (outcome == Dice.Outcome.SUCCEED && behaviour.propertyReports()) {
      reportSettings(request.operations());
    }
  }

  /** The device takes the work on: one application of its job, whatever the outcome. Called holding the lock. */
  private void applied(ExecutionRequest request) {
    Work w = work.computeIfAbsent(request.jobId(), j -> new Work());
    w.applications++;
    stats.applications.incrementAndGet();
    if (w.applications > 1) {
      stats.reapplications.incrementAndGet();
      LOG.warn("Device {} performs the work of job {} again ({} times now): execution {} is not the one it did before",
          deviceId, request.jobId(), w.applications, request.executionId());
    }
  }

  private Said answer(ExecutionRequest request, Dice.Outcome outcome, long version) {
    String executionId = request.executionId();
    switch (outcome) {
      case MALFORMED -> {
        stats.malformed.incrementAndGet();
        return new Said(MalformedUpdates.payload(executionId, version, dice.pick(MalformedUpdates.KINDS)), false);
      }
      case REJECT -> {
        stats.rejected.incrementAndGet();
        return finalSaid(ExecutionUpdate.rejected(executionId, version,
            new DeviceError("NOT_APPLICABLE", "simulated: this device does not apply it")));
      }
      case FAIL -> {
        stats.failed.incrementAndGet();
        // nothing is applied: the simulated device rolls back, so its settings stay as they were
        Operation failing = request.operations().get(dice.pick(request.operations().size()));
        return finalSaid(ExecutionUpdate.failed(executionId, version,
            new DeviceError("SIMULATED_FAILURE", "simulated failure applying " + failing.type() + " " + failing.name())));
      }
      default -> {
        stats.succeeded.incrementAndGet();
        return finalSaid(ExecutionUpdate.succeeded(executionId, version, apply(request.operations())));
      }
    }
  }

  private static UpdateStatus reported(Dice.Outcome outcome) {
    return switch (outcome) {
      case SUCCEED -> UpdateStatus.SUCCEEDED;
      case FAIL -> UpdateStatus.FAILED;
      case REJECT -> UpdateStatus.REJECTED;
      case SILENT, MALFORMED -> null;
    };
  }

  private static Said finalSaid(ExecutionUpdate update) {
    return new Said(ContractJson.encode(update), true);
  }

  /** Settings and properties are stored in order; each command yields {@code {"<name>": "ok"}}. */
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
      // numbered and handed to the link under one lock: two executions finishing at once on the scheduler's two
      // threads must not publish version 3 before 2, which the service would ignore (device-sim conform found it)
      synchronized (reportVersion) {
        outbox.accept(Channel.PROPERTIES, ContractJson.encode(PropertyReport.of(reportVersion.incrementAndGet(), values)));
      }
    }
  }

  void onCancel(String executionId) {
    stats.cancelsReceived.incrementAndGet();
    synchronized (this) {
      Running r = running.remove(executionId);
      if (r != null) {
        r.answer().cancel(false);
        finished.put(executionId, Said.NOTHING); // repeats of abandoned work stay unanswered too
      }
    }
  }

  /** Drops all work in progress without a word (the device is going away). */
  synchronized void abandonAll() {
    running.values().forEach(r -> r.answer().cancel(false));
    running.clear();
  }

  private void say(Said said) {
    outbox.accept(Channel.EXECUTION_UPDATE, said.payload());
    if (said.isFinal()) {
      finalsSent.incrementAndGet();
    }
  }

  Map<String, JsonNode> settings() {
    return Map.copyOf(settings);
  }

  int executionsReceived() {
    return received.get();
  }

  synchronized int applications(String jobId) {
    Work w = work.get(jobId);
    return w == null ? 0 : w.applications;
  }

  synchronized UpdateStatus reported(String jobId) {
    Work w = work.get(jobId);
    return w == null ? null : w.reported;
  }

  int finalUpdatesSent() {
    return finalsSent.get();
  }
}
