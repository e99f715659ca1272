package io.fleetjobs.sim.conform;

import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.Topics;
import java.util.List;
import java.util.Optional;

/**
 * The steps of a run that only a gateway gets (§9): work for each of its children, sent on the child's own topics
 * once the gateway has announced the child, as the service answers a child's pending request.
 */
final class ChildSteps {

  private final ConformRun run;
  private final ConformOptions options;

  ChildSteps(ConformRun run) {
    this.run = run;
    this.options = run.options;
  }

  /**
   * Once the gateway has announced its children on connection {@code n} (a child's pending request is the last step),
   * one execution for each on the child's down/execution, all at once, with one deadline. A child that is not
   * announced gets none: the service sends work only to children online.
   */
  void executions(int n, Probe.Kind kind) {
    run.progress.printf("§9: one execution for each child announced on connection %d, on the child's topics.%n", n);
    run.awaitLog(log -> options.children().stream().allMatch(c -> announced(log, c, n)), options.timeout());
    List<Observed> log = run.log();
    List<Probe> probes = options.children().stream().filter(c -> announced(log, c, n))
        .map(c -> run.probe(kind, List.of(options.operations().get(0)), c)).toList();
    if (probes.size() < options.children().size()) {
      run.progress.printf("  %d of %d children were not announced: they get no work.%n", options.children().size() - probes.size(),
          options.children().size());
    }
    long first = Long.MAX_VALUE;
    for (Probe p : probes) {
      first = Math.min(first, run.sendExecution(p));
    }
    run.awaitFinals(probes, first - 1, options.timeout());
    run.watch(options.settle());
  }

  /** The first child that answered its §9 execution: the one that gets a repeat and a cancel. */
  Optional<String> firstAnswering() {
    return run.evidence().probes(Probe.Kind.CHILD).stream()
        .filter(p -> run.messagesOf(p.childId()).firstFinal(p.executionId(), 0).isPresent())
        .map(Probe::childId).findFirst();
  }

  private boolean announced(List<Observed> log, String childId, int n) {
    String pending = Topics.childTopic(run.deviceId(), childId, Channel.PENDING_REQUEST);
    return log.stream().anyMatch(o -> o instanceof Observed.Publish p && p.connection() == n && p.topic().equals(pending));
  }
}
