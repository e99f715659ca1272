package io.fleetjobs.sim.conform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.ErrorCode;
import io.fleetjobs.contract.Topics;
import io.fleetjobs.contract.message.ContractError;
import io.fleetjobs.contract.message.ExecutionCancel;
import io.fleetjobs.contract.message.ExecutionRequest;
import io.fleetjobs.contract.message.ExecutionUpdate;
import io.fleetjobs.contract.message.Presence;
import io.fleetjobs.contract.message.PresenceState;
import io.fleetjobs.contract.message.UpdateStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The steps of a conformance run, in order: wait for the device and its announcement (§1, §5), executions of every
 * operation at once plus one carrying unknown fields (§6, §3), a repeated execution (§7), a canceled one (§8), an error
 * reply then more work (§10), for a gateway one execution per child on the child's topics and, for the first child
 * that answers, a repeated one and a canceled one (§9, {@link ChildSteps}), a forced disconnect
 * with its last will and the reconnect (§5), after which a gateway's children get work again (§9). Steps that need
 * answers are skipped when the device answered none: their sections then say so instead of passing.
 */
final class Scenario {

  /** Marked when conform stops waiting for the §6 executions: a final update after it came too late. */
  static final String OPERATIONS_DEADLINE = "operations-deadline";
  /** Marked when conform stops waiting for the children's §9 executions. */
  static final String CHILDREN_DEADLINE = "children-deadline";

  private final ConformRun run;
  private final ConformOptions options;
  private final ChildSteps children;
  /** How long the §6 executions took to be answered, all of them: a bound on how long the device works on one. */
  private Duration operationsTook;

  Scenario(ConformRun run) {
    this.run = run;
    this.options = run.options;
    this.children = new ChildSteps(run);
  }

  Evidence play() {
    if (!awaitConnection(1, options.connectWait())) {
      run.progress.printf("Device %s did not connect within %s.%n", run.deviceId(), ConformOptions.describe(options.connectWait()));
      return run.evidence();
    }
    run.progress.printf("Device %s connected; watching its announcement.%n", run.deviceId());
    run.awaitLog(log -> announced(log, 1), options.timeout());
    boolean answers = executions();
    if (answers) {
      duplicates(null);
      cancel(null);
      errors();
    } else {
      run.progress.println("The device answered none of the executions: skipping duplicates, cancel and errors.");
    }
    if (options.gateway()) {
      children.executions(1, Probe.Kind.CHILD);
      run.mark(CHILDREN_DEADLINE);
      children.firstAnswering().ifPresent(child -> {
        duplicates(child);
        cancel(child);
      });
    }
    reconnect(answers);
    return run.evidence();
  }

  /** §6 and §3: every probe at once (the service may send several executions at any time), then one deadline. */
  private boolean executions() {
    run.progress.printf("§6: %d executions, one per operation, and one carrying unknown fields (§3).%n", options.operations().size());
    List<Probe> probes = new java.util.ArrayList<>();
    options.operations().forEach(op -> probes.add(run.probe(Probe.Kind.OPERATION, List.of(op))));
    Probe unknown = run.probe(Probe.Kind.UNKNOWN_FIELDS, List.of(options.operations().get(0)));
    long first = Long.MAX_VALUE;
    for (Probe p : probes) {
      first = Math.min(first, run.sendExecution(p.request()));
    }
    run.sendExecution(unknown.request(), withUnknownFields(unknown.request()));
    probes.add(unknown);
    long after = first - 1;
    long started = System.nanoTime();
    run.await(m -> probes.stream().allMatch(p -> m.firstFinal(p.executionId(), after).isPresent()), options.timeout());
    run.mark(OPERATIONS_DEADLINE);
    operationsTook = Duration.ofNanos(System.nanoTime() - started);
    run.watch(options.settle());
    DeviceMessages messages = run.messages();
    return probes.stream().anyMatch(p -> messages.firstFinal(p.executionId(), after).isPresent());
  }

  /** §7: the same execution while the device (or its child {@code childId}, §9) works, and again once it has answered. */
  void duplicates(String childId) {
    run.progress.println("§7: one execution, repeated while it is worked on and again after its final update" + forChild(childId));
    Probe p = run.probe(childId == null ? Probe.Kind.DUPLICATE : Probe.Kind.CHILD_DUPLICATE, List.of(options.operations().get(0)),
        childId);
    long sent = run.sendExecution(p);
    run.awaitFirstUpdate(p, sent, options.timeout());
    run.sendExecution(p);
    run.awaitFinals(List.of(p), sent, options.timeout());
    run.watch(options.settle());
    long again = run.sendExecution(p);
    run.awaitFinals(List.of(p), again, options.timeout());
    run.watch(options.settle());
  }

  /**
   * §8: canceled once the device says it works on it (IN_PROGRESS); a device that never sends IN_PROGRESS gets the
   * cancel right after the execution. Then conform waits about twice as long as its slowest §6 answer for a final
   * update that should not come. For a gateway's child ({@code childId}, §9) the cancel goes on the child's down/cancel.
   */
  void cancel(String childId) {
    run.progress.println("§8: one execution, canceled while it is worked on" + forChild(childId));
    boolean progresses = run.messagesOf(childId).on(Channel.EXECUTION_UPDATE).stream()
        .anyMatch(m -> m.ok() && ((ExecutionUpdate) m.value()).status() == UpdateStatus.IN_PROGRESS);
    Probe p = run.probe(childId == null ? Probe.Kind.CANCEL : Probe.Kind.CHILD_CANCEL, List.of(options.operations().get(0)), childId);
    ExecutionRequest request = p.request();
    long sent = run.sendExecution(p);
    if (progresses) {
      run.awaitFirstUpdate(p, sent, options.timeout());
    }
    long canceled = run.send(childId, Channel.CANCEL, p.executionId(),
        ContractJson.encode(ExecutionCancel.of(p.executionId(), request.jobId(), "conform: the job was stopped", Instant.now())), null);
    Duration slowest = operationsTook == null ? options.timeout() : operationsTook.multipliedBy(2).plus(options.settle());
    run.awaitFinals(List.of(p), canceled, min(slowest, options.timeout()));
    run.watch(options.settle());
  }

  private static String forChild(String childId) {
    return childId == null ? "." : ", for child " + childId + " on its topics (§9).";
  }

  /** §10: an error reply about the device's latest update (it must not resend it), then more work. */
  private void errors() {
    run.progress.println("§10: an error reply about its latest update, then one more execution.");
    Optional<Observed.Publish> latest = run.messages().on(Channel.EXECUTION_UPDATE).stream()
        .map(DeviceMessages.Message::publish).reduce((a, b) -> b);
    latest.ifPresent(publish -> run.send(Channel.ERROR, null, ContractJson.encode(new ContractError(1, ErrorCode.INVALID_FIELD,
        "details", "conform's test error reply: log it, do not resend the message", publish.topic(), Instant.now())), publish));
    run.watch(options.settle());
    Probe p = run.probe(Probe.Kind.AFTER_ERROR, List.of(options.operations().get(0)));
    long sent = run.sendExecution(p.request());
    run.awaitFinal(p.executionId(), sent, options.timeout());
    run.watch(options.settle());
  }

  /** §5: drop the connection (the will fires), wait for the reconnect and its announcement, answer its pending request. */
  private void reconnect(boolean answers) {
    run.progress.println("§5: dropping the connection; the last will should arrive and the device reconnect.");
    int before = connections(run.log());
    long dropped = run.drop();
    String presence = Topics.topic(run.deviceId(), Channel.PRESENCE);
    run.delivered().await(d -> d.stream().anyMatch(x -> x.seq() > dropped && x.topic().equals(presence) && offline(x.payload())),
        options.timeout());
    if (!awaitConnection(before + 1, options.connectWait())) {
      run.progress.printf("Device %s did not reconnect within %s.%n", run.deviceId(), ConformOptions.describe(options.connectWait()));
      return;
    }
    if (run.awaitLog(log -> announced(log, before + 1), options.timeout()) && answers) {
      // the service answers a pending request with the device's unfinished work; conform has one more piece
      Probe p = run.probe(Probe.Kind.AFTER_RECONNECT, List.of(options.operations().get(0)));
      long sent = run.sendExecution(p.request());
      run.awaitFinal(p.executionId(), sent, options.timeout());
    }
    if (options.gateway()) {
      children.executions(before + 1, Probe.Kind.CHILD_AFTER_RECONNECT);
    }
    run.watch(options.settle());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private boolean awaitConnection(int n, Duration wait) {
    return run.awaitLog(log -> connections(log) >= n, wait);
  }

  private static int connections(List<Observed> log) {
    return (int) log.stream().filter(Observed.Connect.class::isInstance).count();
  }

  /** Whether connection {@code n} has published its pending request (the last step of its announcement). */
  private boolean announced(List<Observed> log, int n) {
    String pending = Topics.topic(run.deviceId(), Channel.PENDING_REQUEST);
    return log.stream().anyMatch(o -> o instanceof Observed.Publish p && p.connection() == n && p.topic().equals(pending));
  }

  private static boolean offline(byte[] payload) {
    try {
      return ContractJson.decode(payload, Presence.class).state() == PresenceState.OFFLINE;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The request with fields no device knows, at the top and in its first operation: a device must ignore them (§3). */
  private static byte[] withUnknownFields(ExecutionRequest request) {
    ObjectNode json = ContractJson.mapper().valueToTree(request);
    json.put("priority", "conform: an unknown field, to be ignored");
    ((ObjectNode) json.withArray("operations").get(0)).put("rollout", "conform: another unknown field");
    return ContractJson.encode(json);
  }
}
