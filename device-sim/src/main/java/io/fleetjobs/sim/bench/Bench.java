package io.fleetjobs.sim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.BenchTopics;
import io.fleetjobs.sim.provision.Provisioner;
import io.fleetjobs.sim.SimulatedDevice;
import io.fleetjobs.sim.SimulatedFleet;
import io.fleetjobs.sim.SimulatedGateway;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/** One bench run: the phases in order, each adding its figures to the {@link Report}. */
final class Bench {

  /** The bench could not run at all (no service, devices never online): exit code 1. */
  static final class CannotRun extends RuntimeException {
    CannotRun(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The bench's phases, in the order they run; set-up always runs first. */
  enum Phase {
    RAW, JOB, QUERIES, HEAP, PURGE, FLOOD, SOAK;

    /** The phases of a plain run: everything but the flood and the soak. */
    static final java.util.Set<Phase> STANDARD = java.util.EnumSet.of(RAW, JOB, QUERIES, HEAP, PURGE);
  }

  record Settings(
      Path jar, String xmx, java.util.List<String> appProperties, java.util.List<String> javaOptions, String api, String apiToken, String servicePassword, String broker, Long appPid, Integer maxInFlight, int devices, int gateways, int children,
      int rounds, int window, int queryCalls, Long purgeExecutions, Duration phaseTimeout, Path out, Behaviour behaviour,
      java.util.Set<Phase> phases, FloodPhase.Settings flood, SoakPhase.Settings soak) {}

  static final String CHILD_TEMPLATE = "bench-device";
  static final String GATEWAY_TEMPLATE = "bench-gateway";

  private final Settings s;
  private final int n;
  private final String mode;
  private final String runId = "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
  private final Report report = new Report();
  private final Progress progress = new Progress();
  private Rest rest;
  private String brokerUser = "service@fleet-jobs";
  private String brokerPassword;
  private SimulatedFleet fleet;
  private long pid = -1;
  private Path runDir;
  private String host;
  private int port;
  private int inFlightCap;
  private double rawPerSecond = Double.NaN;
  private double jobPerSecond = Double.NaN;

  Bench(Settings settings) {
    this.s = settings;
    this.n = settings.devices() > 0 ? settings.devices() : settings.gateways() * settings.children();
    this.mode = settings.devices() > 0 ? "devices" : "gateways";
  }

  void run() throws Exception {
    Path out = s.out() != null ? s.out() : Path.of("target", "bench", "bench-" + mode + "-" + n + outSuffix() + ".json");
    report.fact("mode", mode.equals("devices") ? n + " direct devices" : s.gateways() + " gateways x " + s.children() + " children");
    report.fact("executionsPerJob", n);
    report.fact("startedAt", Instant.now().toString());
    Behaviour b = s.behaviour();
    report.fact("deviceBehaviour", "latency %s..%s, failure %s, reject %s, progress updates %s, property reports %s".formatted(
        b.latencyMin().toMillis() + "ms", b.latencyMax().toMillis() + "ms", b.failureRate(), b.rejectRate(), b.progressUpdates(),
        b.propertyReports()));
    AppProcess app = null;
    try {
      if (s.api() == null) {
        runDir = Path.of("target", "bench", runId).toAbsolutePath();
        Path log = Path.of("target", "bench", "app.log").toAbsolutePath();
        inFlightCap = Math.max(n, 1);
        progress.done("start", "launching %s (-Xmx%s), data in %s, log %s", s.jar(), s.xmx(), runDir, log);
        try {
          // the per-client queue holds the service's share of a whole job's answers in a burst
          app = AppProcess.launch(s.jar(), s.xmx(), s.appProperties(), s.javaOptions(), runDir, log, s.broker(), inFlightCap, Math.max(200_000, 2 * n));
          app.awaitHealthy(Duration.ofMinutes(2), progress);
        } catch (Exception e) {
          throw new CannotRun("the service did not start: " + e.getMessage(), e);
        }
        rest = app.signedIn();
        brokerPassword = app.servicePassword();
        pid = app.pid();
        report.fact("service", "launched " + s.jar() + " -Xmx" + s.xmx() + ", pid " + pid + ", fleet.jobs.max-in-flight=" + inFlightCap
            + (s.appProperties().isEmpty() ? "" : ", " + String.join(", ", s.appProperties()))
            + (s.javaOptions().isEmpty() ? "" : ", " + String.join(" ", s.javaOptions())));
        if (s.broker() == null) {
          host = "127.0.0.1";
          port = app.mqttPort();
          report.fact("broker", "the service's embedded HiveMQ CE on 127.0.0.1:" + port);
        } else {
          URI uri = URI.create(s.broker());
          host = uri.getHost();
          port = uri.getPort() == -1 ? 1883 : uri.getPort();
          report.fact("broker", "external " + s.broker());
        }
      } else {
        rest = new Rest(s.api()).withToken(s.apiToken());
        brokerPassword = s.servicePassword();
        URI uri = URI.create(s.broker());
        host = uri.getHost();
        port = uri.getPort() == -1 ? 1883 : uri.getPort();
        pid = s.appPid() == null ? -1 : s.appPid();
        inFlightCap = s.maxInFlight() == null ? 10_000 : s.maxInFlight();
        report.fact("service", "running at " + s.api() + (pid > 0 ? ", pid " + pid : "") + ", max-in-flight taken as " + inFlightCap);
        report.fact("broker", s.broker());
      }
      report.fact("phases", s.phases().stream().map(p -> p.name().toLowerCase(java.util.Locale.ROOT)).toList());
      setUp(host, port);
      phases();
    } finally {
      if (fleet != null) {
        progress.done("end", "closing %,d devices", n);
        fleet.close();
      }
      if (app != null) {
        app.close();
      }
    }
    report.fact("finishedAt", Instant.now().toString());
    report.print(System.out);
    report.writeJson(out);
    System.out.println("JSON: " + out.toAbsolutePath());
  }

  private void phases() throws Exception {
    java.util.Set<Phase> phases = s.phases();
    if (phases.contains(Phase.RAW)) {
      raw(host, port);
    }
    List<String> finished = new ArrayList<>();
    String job = null;
    if (phases.contains(Phase.JOB)) {
      job = job();
      latency(job);
      finished.add(job);
    }
    if (phases.contains(Phase.QUERIES)) {
      queries(job);
    }
    if (phases.contains(Phase.HEAP)) {
      heap(job, finished);
    }
    if (phases.contains(Phase.PURGE)) {
      purge(job, finished);
    }
    RunContext context = new RunContext(rest, fleet, report, progress, s.phaseTimeout(), n, runId, pid, runDir, host, port);
    if (phases.contains(Phase.FLOOD)) {
      new FloodPhase(context, s.flood()).run();
    }
    if (phases.contains(Phase.SOAK)) {
      new SoakPhase(context, s.soak()).run();
    }
  }

  /** A run of other phases than the plain ones writes its own JSON file: {@code -flood}, {@code -soak}. */
  private String outSuffix() {
    if (s.phases().contains(Phase.SOAK)) {
      return "-soak";
    }
    return s.phases().contains(Phase.FLOOD) ? "-flood" : "";
  }

  // ---- phases -------------------------------------------------------------------------------------------------

  private void setUp(String host, int port) {
    template(CHILD_TEMPLATE, "Bench device");
    if (s.gateways() > 0) {
      template(GATEWAY_TEMPLATE, "Bench gateway");
    }
    SimulatedFleet.Builder builder = SimulatedFleet.builder().brokerHost(host).brokerPort(port).idPrefix("bench-")
        .count(s.devices()).gateways(s.gateways()).children(s.children())
        .template(CHILD_TEMPLATE).gatewayTemplate(GATEWAY_TEMPLATE)
        .attributes(i -> Map.of("bench", runId))
        .behaviour(s.behaviour()).benchEcho(true).connectTimeout(s.phaseTimeout());
    // registered in bulk first, as an operator registers a fleet: every device connects with its own secret
    long registering = System.nanoTime();
    builder.credentials(new Provisioner(rest.base(), rest.bearer()).ensure(builder.plan(), Map.of()));
    progress.done("register", "%,d devices registered in %d ms", n + s.gateways(), (System.nanoTime() - registering) / 1_000_000);
    report.add("registerMillis", "bulk registration of the fleet with its credentials", millis(System.nanoTime() - registering),
        "%,d ms".formatted(millis(System.nanoTime() - registering)), null, null);
    fleet = builder.build();
    long started = System.nanoTime();
    CompletableFuture<Void> connecting = fleet.startAsync();
    waitFor("connect", () -> connecting.isDone(), () -> "%,d connected".formatted(fleet.stats().connected()));
    if (connecting.isCompletedExceptionally()) {
      throw new CannotRun("devices could not connect: " + connecting.handle((v, e) -> e.getMessage()).join(), null);
    }
    long connected = System.nanoTime() - started;
    String online = "/api/devices?template=" + CHILD_TEMPLATE + "&online=true&size=1";
    boolean all = waitFor("online", () -> rest.getOk(online).path("totalItems").asLong() >= n,
        () -> "%,d of %,d online in the API".formatted(rest.getOk(online).path("totalItems").asLong(), n));
    if (!all) {
      throw new CannotRun("the API did not show %d online devices of %s within %s".formatted(n, CHILD_TEMPLATE, s.phaseTimeout()), null);
    }
    progress.done("online", "%,d devices connected in %d ms, all online in the API after %d ms", n, connected / 1_000_000,
        (System.nanoTime() - started) / 1_000_000);
    report.add("onlineMillis", "devices connected and online in the API", millis(System.nanoTime() - started),
        "%,d ms".formatted(millis(System.nanoTime() - started)), null, null);
    String set = """
        {"id": "%s", "name": "%s", "template": "%s", "conditions": [{"field": "attributes.bench", "operator": "EQ", "value": "%s"}]}
        """.formatted(runId, runId, CHILD_TEMPLATE, runId);
    rest.postOk("/api/device-sets", set);
  }

  private void template(String id, String name) {
    Rest.Answer answer = rest.post("/api/templates", """
        {"id": "%s", "name": "%s", "settings": [{"name": "level", "type": "INTEGER"}]}
        """.formatted(id, name));
    if (answer.status() != 201 && answer.status() != 409) { // 409: a running service already has it from an earlier run
      throw new CannotRun("creating template " + id + " answered " + answer.status() + ": " + answer.text(), null);
    }
  }

  private void raw(String host, int port) {
    List<String> topics = new ArrayList<>(n);
    for (SimulatedDevice d : fleet.devices()) {
      if (s.devices() > 0) {
        topics.add(BenchTopics.ping(d.id()));
      }
    }
    for (SimulatedGateway g : fleet.gateways()) {
      g.children().forEach(c -> topics.add(BenchTopics.ping(g.id(), c.id())));
    }
    long timeout = s.phaseTimeout().toMillis();
    try (RawRoundTrips raw = new RawRoundTrips(host, port, s.window(), brokerUser, brokerPassword)) {
      RawRoundTrips.Round warm = raw.round(topics, timeout, progress, "raw warm-up");
      progress.done("raw warm-up", "%,d answered at %,.0f round trips/s", warm.answered(), warm.perSecond());
      long answered = 0;
      long nanos = 0;
      List<Long> perRound = new ArrayList<>();
      for (int r = 1; r <= s.rounds(); r++) {
        RawRoundTrips.Round round = raw.round(topics, timeout, progress, "raw round " + r);
        progress.done("raw round " + r, "%,d of %,d answered at %,.0f round trips/s", round.answered(), n, round.perSecond());
        answered += round.answered();
        nanos += round.nanos();
        perRound.add(Math.round(round.perSecond()));
        if (round.answered() < n) {
          report.note("raw round " + r + " got " + round.answered() + " of " + n + " answers within the phase timeout");
        }
      }
      rawPerSecond = answered * 1e9 / Math.max(1, nanos);
      report.fact("rawRoundsPerSecond", perRound);
      report.add("rawRoundTripsPerSecond", "R_raw: MQTT QoS1 request -> QoS1 reply, round trips/s", Math.round(rawPerSecond),
          "%,.0f".formatted(rawPerSecond), "(reference)", null);
    }
  }

  /** Creates and runs the job; returns its id. */
  private String job() {
    Map<String, Instant> answers = new ConcurrentHashMap<>();
    fleet.onAnswer((deviceId, executionId, at) -> answers.put(deviceId, at));
    this.answers = answers;
    long t0 = System.nanoTime();
    Rest.Answer created = Rest.ok(rest.post("/api/jobs", """
        {"name": "bench %s", "deviceSetId": "%s", "run": true, "operations": [{"type": "SETTING", "name": "level", "value": 1}]}
        """.formatted(runId, runId)), "POST /api/jobs");
    long answered = System.nanoTime();
    String id = created.json().get("id").asText();
    report.add("createAnswerMillis", "job create+run: API answered", millis(answered - t0), "%,d ms".formatted(millis(answered - t0)),
        "< 1 s", answered - t0 < 1_000_000_000L);
    long[] stored = {-1};
    long[] terminal = {-1};
    JsonNode[] last = {created.json()};
    waitFor("job", () -> {
      JsonNode counts = (last[0] = rest.getOk("/api/jobs/" + id)).path("counts");
      long now = System.nanoTime();
      if (stored[0] < 0 && counts.path("total").asLong() >= n) {
        stored[0] = now;
      }
      if (counts.path("total").asLong() >= n && counts.path("pending").asLong() == 0) {
        terminal[0] = now;
        return true;
      }
      return false;
    }, () -> counts(last[0], answered));
    fleet.onAnswer(null);
    JsonNode counts = last[0].path("counts");
    report.fact("job", Map.of("id", id, "status", last[0].path("status").asText(), "counts", counts));
    report.add("allStoredMillis", "all executions stored (counts.total = N)", stored[0] < 0 ? null : millis(stored[0] - t0),
        stored[0] < 0 ? "" : "%,d ms".formatted(millis(stored[0] - t0)), "< 5 s", stored[0] >= 0 && stored[0] - t0 < 5_000_000_000L);
    if (terminal[0] < 0) {
      report.note("the job did not finish within " + s.phaseTimeout() + ": " + counts);
      report.add("allTerminalMillis", "all executions terminal, from the run answer", null, "", "< 60 s (100k)", null);
      report.add("executionsPerSecond", "executions/s (dispatch + answer + recorded)", null, "", "(reference)", null);
      report.add("throughputRatio", "executions/s / R_raw", null, "", ">= 0.7", null);
      return id;
    }
    long took = terminal[0] - answered;
    jobPerSecond = n * 1e9 / Math.max(1, took);
    progress.done("job", "%s", counts(last[0], answered));
    // the 60 s target is for 100,000 devices; a larger fleet gets proportionally longer
    double limit = 60_000 * Math.max(1.0, n / 100_000.0);
    report.add("allTerminalMillis", "all executions terminal, from the run answer", millis(took), "%,d ms".formatted(millis(took)),
        "< 60 s (for 100k)", millis(took) < limit);
    report.add("executionsPerSecond", "executions/s (dispatch + device answer + status recorded)", Math.round(jobPerSecond),
        "%,.0f".formatted(jobPerSecond), "(reference)", null);
    double ratio = jobPerSecond / rawPerSecond;
    report.add("throughputRatio", "executions/s / R_raw", Double.isNaN(ratio) ? null : Math.round(ratio * 100) / 100.0,
        "%.2f".formatted(ratio), ">= 0.7", ratio >= 0.7);
    return id;
  }

  private Map<String, Instant> answers = Map.of();

  private String counts(JsonNode job, long since) {
    return RunContext.counts(job, since);
  }

  /** finishedAt (stamped by the service in the transaction that records the answer) minus the device's publish instant. */
  private void latency(String job) {
    Rest.Answer csv = Rest.ok(rest.get("/api/jobs/" + job + "/devices.csv"), "GET devices.csv");
    List<Long> micros = new ArrayList<>();
    String[] lines = csv.text().split("\n");
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int first = line.indexOf(',');
      int lastComma = line.lastIndexOf(',');
      if (first < 0 || lastComma == line.length() - 1) {
        continue; // no finishedAt
      }
      Instant answered = answers.get(line.substring(0, first));
      if (answered == null) {
        continue;
      }
      Instant finishedAt = Instant.parse(line.substring(lastComma + 1).trim());
      micros.add(Duration.between(answered, finishedAt).toNanos() / 1000);
    }
    report.note("answer -> visible: finishedAt is stamped by the service in the transaction that commits the answer; "
        + "the device's instant is taken just before it publishes; same machine, same clock");
    if (micros.isEmpty()) {
      report.add("visibleP50Millis", "answer -> visible p50", null, "", null, null);
      report.add("visibleP99Millis", "answer -> visible p99", null, "", null, null);
      report.add("visibleMaxMillis", "answer -> visible max", null, "", null, null);
      return;
    }
    long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
    report.fact("visibleSamples", sorted.length);
    report.add("visibleP50Millis", "answer -> visible (finishedAt) p50", ms(percentile(sorted, 50)), "%.1f ms".formatted(ms(percentile(sorted, 50))), null, null);
    report.add("visibleP99Millis", "answer -> visible (finishedAt) p99", ms(percentile(sorted, 99)), "%.1f ms".formatted(ms(percentile(sorted, 99))), null, null);
    report.add("visibleMaxMillis", "answer -> visible (finishedAt) max", ms(sorted[sorted.length - 1]),
        "%.1f ms".formatted(ms(sorted[sorted.length - 1])), null, null);
  }

  private void queries(String job) {
    long pages = Math.max(1, (n + 99) / 100);
    String page = "/api/jobs/" + job + "/devices?status=COMPLETED&page=" + (pages / 2) + "&size=100";
    long[] counts = timeCalls("/api/jobs/" + job);
    long[] paged = timeCalls(page);
    report.add("countsQueryMedianMillis", "GET /api/jobs/{id} (counts) median", ms(counts[counts.length / 2] / 1000),
        "%.1f ms".formatted(ms(counts[counts.length / 2] / 1000)), "< 100 ms", counts[counts.length / 2] < 100_000_000L);
    report.add("countsQueryMaxMillis", "GET /api/jobs/{id} (counts) max", ms(counts[counts.length - 1] / 1000),
        "%.1f ms".formatted(ms(counts[counts.length - 1] / 1000)), null, null);
    report.add("pageQueryMedianMillis", "GET .../devices?status=COMPLETED middle page of 100, median", ms(paged[paged.length / 2] / 1000),
        "%.1f ms".formatted(ms(paged[paged.length / 2] / 1000)), null, null);
    report.add("pageQueryMaxMillis", "GET .../devices?status=COMPLETED middle page of 100, max", ms(paged[paged.length - 1] / 1000),
        "%.1f ms".formatted(ms(paged[paged.length - 1] / 1000)), null, null);
  }

  private long[] timeCalls(String path) {
    for (int i = 0; i < 5; i++) {
      rest.getOk(path);
    }
    long[] nanos = new long[Math.max(1, s.queryCalls())];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = Rest.ok(rest.get(path), "GET " + path).nanos();
    }
    Arrays.sort(nanos);
    return nanos;
  }

  /** Heap per in-flight execution: devices hold a copy of the job, the service keeps every execution in flight. */
  private void heap(String job, List<String> finished) throws Exception {
    String[] keys = {"heapBaselineBytes", "heapInFlight", "heapBytesPerInFlight", "heapReleased", "heapResidualBytes"};
    if (pid <= 0) {
      report.note("heap figures skipped: the service's pid is not known (give --app-pid with --api)");
      for (String key : keys) {
        report.add(key, key, null, "", null, null);
      }
      return;
    }
    try (HeapProbe probe = new HeapProbe(pid)) {
      long baseline = probe.usedAfterGc();
      fleet.hold(true);
      String copy = rest.postOk("/api/jobs/" + job + "/copy", null).get("id").asText();
      rest.postOk("/api/jobs/" + copy + "/run", null);
      long target = Math.min(n, inFlightCap);
      long[] seen = {-1, 0};
      boolean stable = waitFor("heap: hold", () -> {
        long now = inFlight();
        seen[1] = now == seen[0] && now >= target ? seen[1] + 1 : 0;
        seen[0] = now;
        if (seen[1] < 3) {
          Progress.park(200);
        }
        return seen[1] >= 3; // the same full count on consecutive reads: dispatch has settled
      }, () -> "in flight %,d of %,d".formatted(seen[0], target));
      long inFlight = inFlight();
      long held = probe.usedAfterGc();
      if (!stable) {
        report.note("in-flight gauge did not settle at " + target + " (last " + inFlight + ")");
      }
      long perInFlight = inFlight > 0 ? (held - baseline) / inFlight : -1;
      rest.postOk("/api/jobs/" + copy + "/stop", null);
      waitFor("heap: stop", () -> inFlight() == 0, () -> "in flight %,d".formatted(inFlight()));
      awaitDone(copy);
      long after = probe.usedAfterGc();
      fleet.hold(false);
      finished.add(copy);
      long residual = after - baseline;
      boolean released = residual <= Math.max(held - baseline, 0) / 10 + 16L * 1024 * 1024;
      progress.done("heap", "baseline %,d B, with %,d in flight %,d B (%,d B each), after stop %,d B", baseline, inFlight, held,
          perInFlight, after);
      report.add("heapBaselineBytes", "service heap after GC, idle", baseline, "%,d B".formatted(baseline), null, null);
      report.add("heapInFlight", "executions in flight (fleet_executions_in_flight)", inFlight, "%,d".formatted(inFlight), null, null);
      report.add("heapBytesPerInFlight", "heap per in-flight execution", perInFlight, "%,d B".formatted(perInFlight), "<= 1 KB",
          perInFlight <= 1024);
      report.add("heapReleased", "heap released after stop (residual within 10% of the growth + 16 MB)", released,
          released ? "yes" : "no", null, null);
      report.add("heapResidualBytes", "heap residual after stop vs baseline", residual, "%,d B".formatted(residual), null, null);
    } catch (Exception | LinkageError e) {
      fleet.hold(false);
      report.note("heap figures failed: " + e);
      for (String key : keys) {
        report.add(key, key, null, "", null, null);
      }
    }
  }

  /** Jobs whose executions the service still deletes in the background ({@code fleet_purge_backlog_jobs}; 0 if absent). */
  private double purgeBacklog() {
    return Prometheus.read(rest).total("fleet_purge_backlog_jobs");
  }

  /** Prometheus gauge {@code fleet_executions_in_flight} of the service. */
  private long inFlight() {
    String text = Rest.ok(rest.get("/prometheus"), "GET /prometheus").text();
    for (String line : text.split("\n")) {
      if (line.startsWith("fleet_executions_in_flight")) {
        return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new IllegalStateException("no fleet_executions_in_flight in /prometheus");
  }

  /** Purge: DELETE of the finished jobs, timed, while a copy runs with answering devices. */
  private void purge(String job, List<String> finished) throws Exception {
    long executions = (long) finished.size() * n;
    long wanted = s.purgeExecutions() == null ? executions : s.purgeExecutions();
    if (executions < wanted) {
      fleet.hold(true); // held copies are stopped at once: their executions end Canceled, finished
      while (executions < wanted) {
        String copy = rest.postOk("/api/jobs/" + job + "/copy", null).get("id").asText();
        rest.postOk("/api/jobs/" + copy + "/run", null);
        waitFor("purge: seed", () -> rest.getOk("/api/jobs/" + copy).path("counts").path("total").asLong() >= n,
            () -> "storing copy %s".formatted(copy));
        rest.postOk("/api/jobs/" + copy + "/stop", null);
        awaitDone(copy);
        finished.add(copy);
        executions += n;
        progress.done("purge: seed", "%,d of %,d finished executions", executions, wanted);
      }
      waitFor("purge: seed", () -> inFlight() == 0, () -> "in flight %,d".formatted(inFlight()));
      fleet.hold(false);
    }
    String concurrent = rest.postOk("/api/jobs/" + job + "/copy", null).get("id").asText();
    long total = executions;
    long[] purgeNanos = {-1};
    long[] deleteNanos = {-1};
    String[] purgeError = {null};
    Thread purger = new Thread(() -> {
      long started = System.nanoTime();
      int deleted = 0;
      try {
        for (String id : finished) {
          Rest.ok(rest.delete("/api/jobs/" + id), "DELETE /api/jobs/" + id);
          deleted++;
        }
        deleteNanos[0] = System.nanoTime() - started;
        // a service that purges in the background answers the DELETEs at once: the purge ends when its backlog is 0
        // (one that exports no backlog gauge deleted every row inside the DELETE)
        long deadline = System.nanoTime() + s.phaseTimeout().toNanos();
        boolean left;
        while ((left = purgeBacklog() > 0) && System.nanoTime() < deadline) {
          Thread.sleep(100); // polling another process's gauge: nothing to be woken by
        }
        if (!left) {
          purgeNanos[0] = System.nanoTime() - started;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        purgeError[0] = "the purge failed after %,d s with %d of %d jobs deleted: %s".formatted(
            (System.nanoTime() - started) / 1_000_000_000L, deleted, finished.size(), e.getMessage());
      }
    }, "bench-purge");
    long runAt = System.nanoTime();
    purger.start();
    rest.postOk("/api/jobs/" + concurrent + "/run", null);
    JsonNode[] last = {null};
    boolean done = waitFor("purge + job", () -> {
      last[0] = rest.getOk("/api/jobs/" + concurrent);
      JsonNode c = last[0].path("counts");
      return c.path("total").asLong() >= n && c.path("pending").asLong() == 0;
    }, () -> (purgeNanos[0] < 0 ? "purging %,d executions; " : "purged; ").formatted(total) + counts(last[0] == null
        ? rest.getOk("/api/jobs/" + concurrent) : last[0], runAt));
    long jobNanos = System.nanoTime() - runAt;
    long purgeDeadline = System.nanoTime() + s.phaseTimeout().toNanos();
    while (purger.isAlive() && System.nanoTime() < purgeDeadline) {
      progress.line("purge", "job done; purge of %,d executions running for %,d s", total, (System.nanoTime() - runAt) / 1_000_000_000L);
      purger.join(200);
    }
    double concurrentRate = done ? n * 1e9 / jobNanos : Double.NaN;
    if (purgeError[0] != null) {
      report.note(purgeError[0]);
    } else if (purgeNanos[0] < 0) {
      report.note("the purge did not finish within the phase timeout (%s)".formatted(s.phaseTimeout()));
    } else if (purgeNanos[0] < jobNanos) {
      report.note("the purge ended %.0f%% of the way through the concurrent job".formatted(100.0 * purgeNanos[0] / jobNanos));
    }
    report.fact("purgedJobs", finished.size());
    Long purgeMillis = purgeNanos[0] < 0 ? null : millis(purgeNanos[0]);
    double purgeRate = purgeNanos[0] < 0 ? Double.NaN : total * 1e9 / purgeNanos[0];
    report.add("purgeExecutions", "finished executions purged", total, "%,d".formatted(total), null, null);
    Long deleteMillis = deleteNanos[0] < 0 ? null : millis(deleteNanos[0]);
    report.add("purgeDeleteMillis", "purge: DELETE of the finished jobs answered", deleteMillis,
        deleteMillis == null ? "" : "%,d ms".formatted(deleteMillis), null, null);
    report.add("purgeMillis", "purge: DELETEs until the backlog is 0 (fleet_purge_backlog_jobs)", purgeMillis,
        purgeMillis == null ? "" : "%,d ms".formatted(purgeMillis), null, null);
    // the target is 1M executions in < 60 s, i.e. a rate
    report.add("purgeExecutionsPerSecond", "purge: executions purged/s", Double.isNaN(purgeRate) ? null : Math.round(purgeRate),
        "%,.0f".formatted(purgeRate), ">= 16,667/s (1M < 60 s)", purgeRate >= 1_000_000 / 60.0);
    report.add("concurrentExecutionsPerSecond", "executions/s of a job run during the purge", done ? Math.round(concurrentRate) : null,
        "%,.0f".formatted(concurrentRate), "(reference)", null);
    double slowdown = (1 - concurrentRate / jobPerSecond) * 100;
    report.add("concurrentSlowdownPercent", "slowdown vs the job alone", Double.isNaN(slowdown) ? null : Math.round(slowdown * 10) / 10.0,
        "%.1f %%".formatted(slowdown), null, null);
  }

  private void awaitDone(String job) {
    waitFor("stop", () -> {
      JsonNode j = rest.getOk("/api/jobs/" + job);
      return !j.path("status").asText().equals("RUNNING") && j.path("counts").path("pending").asLong() == 0;
    }, () -> "waiting for " + job + " to finish");
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  /** Polls until true or the phase timeout; prints a progress line at most once a second. */
  private boolean waitFor(String phase, BooleanSupplier condition, java.util.function.Supplier<String> line) {
    return progress.until(s.phaseTimeout(), phase, condition, line);
  }

  private static long percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }

  private static double ms(long micros) {
    return Math.round(micros / 100.0) / 10.0;
  }
}
