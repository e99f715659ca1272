package io.fleetjobs.sim.bench;

import io.fleetjobs.sim.SimulatedDevice;
import io.fleetjobs.sim.SimulatedFleet.PlannedDevice;
import io.fleetjobs.sim.provision.Provisioner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The flood phase: the bench's job over the fleet, run back to back for a while alone, then as long again while
 * {@code devices} other registered devices flood the service ({@link Flooders}), in alternating rounds so that a
 * machine whose load drifts weighs on both alike. It reports the median executions/s of each, the slowdown against
 * the target (at most 20 %), how long the flooders waited for their refusals (PUBACK) and error replies, what the
 * service counted, and how long it went on refusing after the flood stopped (its backlog).
 */
final class FloodPhase {

  /**
   * @param devices how many devices flood
   * @param rounds alternating rounds, each the job alone then flooded
   * @param measure how long each half of a round runs jobs back to back (at least one job)
   * @param warmUp how long the flood runs before the flooded half starts measuring (past the devices' bursts)
   * @param inFlight unacknowledged publishes each flooder keeps
   */
  record Settings(int devices, int rounds, Duration measure, Duration warmUp, int inFlight) {}

  static final String REFUSED = "fleet_device_messages_refused_total";
  static final String REPLIES_DROPPED = "fleet_device_error_replies_dropped_total";
  static final String DISCONNECTS = "fleet_device_disconnects_total";

  private final RunContext run;
  private final Settings s;
  private final List<String> jobs = new ArrayList<>();

  FloodPhase(RunContext run, Settings settings) {
    this.run = run;
    this.s = settings;
  }

  void run() throws Exception {
    Report report = run.report();
    List<String> ids = new ArrayList<>();
    List<PlannedDevice> plan = new ArrayList<>();
    for (int i = 0; i < s.devices(); i++) {
      String id = "bench-flood-%03d".formatted(i);
      ids.add(id);
      // not in the run's device set (no "bench" attribute): the job never goes to them
      plan.add(new PlannedDevice(id, Bench.CHILD_TEMPLATE, Map.of("bench-flood", run.setId()), null, false, SimulatedDevice.Protocol.MQTT));
    }
    Map<String, String> secrets = new Provisioner(run.rest().base(), run.rest().bearer()).ensure(plan, Map.of());
    List<Double> alone = new ArrayList<>();
    List<Double> flooded = new ArrayList<>();
    Map<String, Long> refused = new LinkedHashMap<>();
    Map<String, Long> disconnects = new LinkedHashMap<>();
    long repliesDropped = 0;
    long floodNanos = 0;
    long drainMillis = 0;
    try (Flooders flood = new Flooders(ids, secrets, run.brokerHost(), run.brokerPort(), s.inFlight())) {
      flood.connect().get(run.phaseTimeout().toMillis(), TimeUnit.MILLISECONDS);
      run.progress().done("flood", "%d flooding devices connected", ids.size());
      for (int r = 1; r <= s.rounds(); r++) {
        alone.add(measure("flood " + r + "/" + s.rounds() + ": alone"));
        run.progress().done("flood " + r, "the job alone: %,.0f executions/s", alone.get(alone.size() - 1));
        purgeJobs();
        Prometheus before = Prometheus.read(run.rest());
        long started = System.nanoTime();
        flood.start();
        Progress.park(s.warmUp().toMillis());
        flooded.add(measure("flood " + r + "/" + s.rounds() + ": flooded"));
        flood.stop(2_000);
        floodNanos += System.nanoTime() - started;
        long drain = drain();
        drainMillis = Math.max(drainMillis, drain);
        Prometheus after = Prometheus.read(run.rest());
        after.since(before, REFUSED).forEach((code, n) -> refused.merge(code, n, Long::sum));
        after.since(before, DISCONNECTS).forEach((reason, n) -> disconnects.merge(reason, n, Long::sum));
        repliesDropped += Math.round(after.total(REPLIES_DROPPED) - before.total(REPLIES_DROPPED));
        Flooders.Snapshot seen = flood.snapshot();
        run.progress().done("flood " + r, "while %d devices flood: %,.0f executions/s; flooders sent %,d (accepted %,d, quota exceeded %,d),"
            + " %,d error replies, disconnected %s; the service refused for %,d ms after the flood", ids.size(), flooded.get(flooded.size() - 1),
            seen.sent(), seen.accepted(), seen.quotaExceeded(), seen.errorReplies(), seen.disconnects(), drain);
        purgeJobs();
      }
      figures(report, flood, alone, flooded, refused, disconnects, repliesDropped, floodNanos, drainMillis);
    } finally {
      try {
        purgeJobs();
      } catch (RuntimeException e) {
        run.report().note("flood: could not delete its jobs: " + e.getMessage());
      }
    }
  }

  private void figures(Report report, Flooders flood, List<Double> alone, List<Double> flooded, Map<String, Long> refused,
      Map<String, Long> disconnects, long repliesDropped, long floodNanos, long drainMillis) {
    Flooders.Snapshot seen = flood.snapshot();
    report.fact("floodDevices", flood.size());
    report.fact("floodRounds", Map.of("aloneExecutionsPerSecond", alone.stream().map(Math::round).toList(),
        "floodedExecutionsPerSecond", flooded.stream().map(Math::round).toList()));
    report.fact("floodFlooders", Map.of("sent", seen.sent(), "accepted", seen.accepted(), "quotaExceeded", seen.quotaExceeded(),
        "otherRefusals", seen.otherRefusals(), "lostWithTheirConnection", seen.lost(), "errorReplies", seen.errorReplies(),
        "reconnects", seen.reconnects(), "disconnects", seen.disconnects()));
    report.fact("floodServiceRefused", refused);
    report.fact("floodServiceDisconnects", disconnects);
    double aloneRate = median(alone);
    double floodedRate = median(flooded);
    double slowdown = (1 - floodedRate / aloneRate) * 100;
    report.add("floodAloneExecutionsPerSecond", "flood: the job alone, executions/s (median of rounds)", round(aloneRate),
        "%,.0f".formatted(aloneRate), "(reference)", null);
    report.add("floodedExecutionsPerSecond", "flood: the job while %d devices flood, executions/s".formatted(flood.size()), round(floodedRate),
        "%,.0f".formatted(floodedRate), "(reference)", null);
    report.add("floodSlowdownPercent", "flood: slowdown of the job", Double.isNaN(slowdown) ? null : Math.round(slowdown * 10) / 10.0,
        "%.1f %%".formatted(slowdown), "<= 20 %", slowdown <= 20);
    double seconds = floodNanos / 1e9;
    report.add("floodMessagesPerSecond", "flood: messages/s the flooders sent (all of them)", Math.round(seen.sent() / seconds),
        "%,.0f".formatted(seen.sent() / seconds), null, null);
    report.add("floodAcceptedPerSecond", "flood: of them delivered by the broker (PUBACK success), /s", Math.round(seen.accepted() / seconds),
        "%,.0f".formatted(seen.accepted() / seconds), null, null);
    lag(report, "floodRefusalLag", "flood: publish -> PUBACK (accepted or refused)", flood.ackLag());
    report.add("floodErrorReplies", "flood: error replies the flooders got", seen.errorReplies(), "%,d".formatted(seen.errorReplies()), null, null);
    lag(report, "floodErrorReplyLag", "flood: publish -> its error reply", flood.replyLag());
    long refusedTotal = refused.values().stream().mapToLong(Long::longValue).sum();
    report.add("floodServiceRefused", "flood: messages the service counted as refused", refusedTotal, "%,d".formatted(refusedTotal), null, null);
    report.add("floodServiceRepliesDropped", "flood: error replies the service did not send (over the ration)", repliesDropped,
        "%,d".formatted(repliesDropped), null, null);
    long disconnected = disconnects.values().stream().mapToLong(Long::longValue).sum();
    report.add("floodServiceDisconnects", "flood: flooders disconnected by the service", disconnected, "%,d".formatted(disconnected), null, null);
    report.add("floodDrainMillis", "flood: the service still refusing after the flood stopped (max)", drainMillis,
        "%,d ms".formatted(drainMillis), null, null);
  }

  private static void lag(Report report, String key, String label, LatencyHistogram histogram) {
    for (int p : new int[] {50, 99}) {
      long micros = histogram.percentile(p);
      report.add(key + "P" + p + "Millis", label + " p" + p, micros < 0 ? null : micros / 1000.0, "%.1f ms".formatted(micros / 1000.0),
          null, null);
    }
  }

  /** Jobs back to back for at least {@code measure}: executions/s over the whole time, creation and polling included. */
  private double measure(String phase) {
    long started = System.nanoTime();
    long executions = 0;
    do {
      RunContext.JobRun job = run.runJob(phase, "bench flood " + jobs.size());
      jobs.add(job.id());
      if (!job.finished()) {
        run.report().note(phase + ": job " + job.id() + " did not finish within " + run.phaseTimeout());
        return Double.NaN;
      }
      executions += run.n();
    } while (System.nanoTime() - started < s.measure().toNanos());
    return executions * 1e9 / (System.nanoTime() - started);
  }

  /** Once the flood stopped: how long until the service's refusal counter stood still for a second (its backlog). */
  private long drain() {
    long stopped = System.nanoTime();
    double[] last = {Prometheus.read(run.rest()).total(REFUSED)};
    long[] movedAt = {stopped};
    run.waitFor("flood: drain", () -> {
      Progress.park(200);
      double now = Prometheus.read(run.rest()).total(REFUSED);
      if (now != last[0]) {
        last[0] = now;
        movedAt[0] = System.nanoTime();
      }
      return System.nanoTime() - movedAt[0] >= 1_000_000_000L;
    }, () -> "the service is still refusing: %,.0f so far".formatted(last[0]));
    return (movedAt[0] - stopped) / 1_000_000;
  }

  private void purgeJobs() {
    jobs.forEach(run::delete);
    jobs.clear();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    if (sorted.isEmpty() || sorted.stream().anyMatch(v -> Double.isNaN(v))) {
      return Double.NaN;
    }
    int mid = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
  }

  private static Long round(double value) {
    return Double.isNaN(value) ? null : Math.round(value);
  }
}
