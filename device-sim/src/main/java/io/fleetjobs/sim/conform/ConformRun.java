package io.fleetjobs.sim.conform;

import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.Topics;
import io.fleetjobs.contract.message.ContractError;
import io.fleetjobs.contract.message.ExecutionRequest;
import io.fleetjobs.contract.message.Operation;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * One conformance run's state and moves: send as the service, wait for what the device does, answer refused messages
 * with a ContractError at once (as the service does, at most {@value #MAX_ERROR_REPLIES}). {@link Scenario} decides
 * what to do with them.
 */
final class ConformRun implements AutoCloseable {

  /** The service answers at most 20 refused messages a minute (§11); conform stops at as many. */
  static final int MAX_ERROR_REPLIES = 20;

  final ConformOptions options;
  final PrintStream progress;
  private final Observer observer;
  private final Timeline<Observed> log;
  private final ServiceSide service;
  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final List<Probe> probes = new CopyOnWriteArrayList<>();
  private final Map<String, Long> marks = new ConcurrentHashMap<>();
  private final AtomicInteger errorReplies = new AtomicInteger();
  private volatile Long dropSeq;

  ConformRun(ConformBroker broker, ConformOptions options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
    this.observer = broker.observer();
    this.log = observer.log(options.deviceId());
    this.service = new ServiceSide(broker.host(), broker.port(), options.deviceId(), observer);
    log.onAdd(this::answerIfRefused);
  }

  String deviceId() {
    return options.deviceId();
  }

  /** Publishes as the service; the returned mark orders it against what the device does. */
  long send(Channel channel, String executionId, byte[] payload, Observed.Publish about) {
    return send(null, channel, executionId, payload, about);
  }

  /** The same to the gateway's child {@code childId} on its topics under the gateway (null: to the device itself). */
  long send(String childId, Channel channel, String executionId, byte[] payload, Observed.Publish about) {
    long seq = observer.mark();
    sent.add(new Sent(seq, channel, executionId, payload, about, childId));
    if (childId == null) {
      service.publish(channel, payload);
    } else {
      service.publishToChild(childId, channel, payload);
    }
    return seq;
  }

  /** A new execution of {@code operations}, remembered as a probe of {@code kind} (not sent yet). */
  Probe probe(Probe.Kind kind, List<Operation> operations) {
    return probe(kind, operations, null);
  }

  /** The same for the gateway's child {@code childId} (null: for the device itself). */
  Probe probe(Probe.Kind kind, List<Operation> operations, String childId) {
    // each probe is a job of its own, as the service gives a device one execution per job
    ExecutionRequest request = ExecutionRequest.of(UUID.randomUUID().toString(), "conform-" + UUID.randomUUID(), 1, operations,
        options.timeoutSeconds(), Instant.now());
    Probe probe = new Probe(kind, request, childId);
    probes.add(probe);
    return probe;
  }

  /** Sends a probe's execution to whom it is for: the device, or its child. */
  long sendExecution(Probe probe) {
    return send(probe.childId(), Channel.EXECUTION, probe.executionId(), ContractJson.encode(probe.request()), null);
  }

  long sendExecution(ExecutionRequest request) {
    return send(Channel.EXECUTION, request.executionId(), ContractJson.encode(request), null);
  }

  long sendExecution(ExecutionRequest request, byte[] payload) {
    return send(Channel.EXECUTION, request.executionId(), payload, null);
  }

  DeviceMessages messages() {
    return new DeviceMessages(deviceId(), log.snapshot());
  }

  List<Observed> log() {
    return log.snapshot();
  }

  boolean await(Predicate<DeviceMessages> done, Duration timeout) {
    return log.await(items -> done.test(new DeviceMessages(deviceId(), items)), timeout);
  }

  boolean awaitLog(Predicate<List<Observed>> done, Duration timeout) {
    return log.await(done, timeout);
  }

  boolean awaitFinal(String executionId, long after, Duration timeout) {
    return await(m -> m.firstFinal(executionId, after).isPresent(), timeout);
  }

  /** Waits until every probe has a final update after {@code after}, each on the topics of whom it was sent to. */
  boolean awaitFinals(List<Probe> probes, long after, Duration timeout) {
    return log.await(items -> probes.stream().allMatch(p -> messagesOf(p.childId(), items).firstFinal(p.executionId(), after)
        .isPresent()), timeout);
  }

  /** What the device sent as itself (null) or for its child {@code childId}. */
  DeviceMessages messagesOf(String childId) {
    return messagesOf(childId, log.snapshot());
  }

  /** The first well-formed update of a probe after {@code after}, on the route it was sent on, waiting up to {@code timeout}. */
  Optional<DeviceMessages.Update> awaitFirstUpdate(Probe p, long after, Duration timeout) {
    log.await(items -> messagesOf(p.childId(), items).updates(p.executionId()).stream().anyMatch(u -> u.seq() > after), timeout);
    return messagesOf(p.childId()).updates(p.executionId()).stream().filter(u -> u.seq() > after).findFirst();
  }

  private DeviceMessages messagesOf(String childId, List<Observed> items) {
    return childId == null ? new DeviceMessages(deviceId(), items) : DeviceMessages.ofChild(deviceId(), childId, items);
  }

  /** The first well-formed update of an execution after {@code after}, waiting up to {@code timeout}. */
  Optional<DeviceMessages.Update> awaitFirstUpdate(String executionId, long after, Duration timeout) {
    await(m -> m.updates(executionId).stream().anyMatch(u -> u.seq() > after), timeout);
    return messages().updates(executionId).stream().filter(u -> u.seq() > after).findFirst();
  }

  /** Watches for a while: whatever the device does meanwhile is logged. */
  void watch(Duration time) {
    log.await(items -> false, time);
  }

  void mark(String name) {
    marks.put(name, observer.mark());
  }

  /** Drops the device as a network failure would, so that the broker publishes its last will. */
  long drop() {
    long seq = observer.mark();
    dropSeq = seq;
    try {
      observer.drop(deviceId()).get();
    } catch (Exception e) {
      progress.println("  could not drop the device's connection: " + e);
    }
    return seq;
  }

  Timeline<ServiceSide.Delivered> delivered() {
    return service.delivered();
  }

  Evidence evidence() {
    List<Observed> items = log.snapshot();
    return new Evidence(options, items, new DeviceMessages(deviceId(), items), sent, probes, service.delivered().snapshot(),
        dropSeq, Map.copyOf(marks));
  }

  /**
   * A message the service would refuse gets the error reply the service would send: on the device's down/error, or,
   * for a message a gateway sent for its child, on that child's down/error under the gateway (§9).
   */
  private void answerIfRefused(Observed observed) {
    if (!(observed instanceof Observed.Publish publish)) {
      return;
    }
    Optional<String> errorTopic = Topics.errorTopicFor(publish.topic());
    String childId = errorTopic.filter(t -> !t.equals(Topics.topic(deviceId(), Channel.ERROR))).map(ConformRun::childOf).orElse(null);
    boolean own = errorTopic.filter(Topics.topic(deviceId(), Channel.ERROR)::equals).isPresent();
    boolean child = childId != null && errorTopic.get().equals(Topics.childTopic(deviceId(), childId, Channel.ERROR));
    DeviceMessages.Message message = child ? DeviceMessages.read(deviceId(), childId, publish) : DeviceMessages.read(deviceId(), publish);
    if (message.violation() == null || !(own || child) || errorReplies.incrementAndGet() > MAX_ERROR_REPLIES) {
      return;
    }
    ContractError error = ContractError.of(message.violation(), publish.topic(), Instant.now());
    send(childId, Channel.ERROR, null, ContractJson.encode(error), publish);
  }

  /** The child an error topic under a gateway names, or null. */
  private static String childOf(String errorTopic) {
    try {
      Topics.DeviceTopic topic = Topics.parse(errorTopic);
      return topic.viaGateway() ? topic.deviceId() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public void close() {
    service.close();
  }
}
