package io.fleetjobs.sim.bench;

import io.fleetjobs.sim.SimulatedDevice;
import io.fleetjobs.sim.SimulatedFleet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The soak ({@code --soak 30m}): for that long, jobs over the fleet in a loop, as an operator's week goes — a new job,
 * then a copy of it, then a copy stopped half-way — each finished one purged (DELETE) once the next has run, while
 * devices come and go: before each job {@code churn} devices of the fleet drop their connection and come back a
 * second into it (their work waits for them), and {@code reRegister} devices of a pool of their own are deleted
 * through the admin API (which ends their connection) and registered again with a new credential, then connect
 * with it. Every {@code sample} a reading of the service ({@link ServiceProbe}); at the end a table over time and a
 * verdict per figure ({@link Flatness}: the last third's mean within {@value #PERCENT} % of the first third's, after
 * the warm-up).
 *
 * @see SoakSeries for what is reported
 */
final class SoakPhase {

  /**
   * @param duration how long the loop runs
   * @param sample how often the service is read
   * @param warmUp how long at the start is left out of the verdict (JIT, pools and caches filling)
   * @param churn fleet devices that drop and come back during each job
   * @param reRegister pool devices deleted and registered again with a new credential per job
   */
  record Settings(Duration duration, Duration sample, Duration warmUp, int churn, int reRegister) {}

  /** How far the last third's mean may be above the first third's for a figure to be flat. */
  static final double PERCENT = 10;

  private final RunContext run;
  private final Settings s;
  private final Random random = new Random(42);
  private final List<ServiceProbe.Sample> samples = new CopyOnWriteArrayList<>();
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private ReRegistrations pool;

  SoakPhase(RunContext run, Settings settings) {
    this.run = run;
    this.s = settings;
  }

  void run() throws Exception {
    Report report = run.report();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bench-soak-sampler");
      t.setDaemon(true);
      return t;
    });
    pool = new ReRegistrations(run, Math.max(4, 2 * s.reRegister()));
    try (ServiceProbe probe = new ServiceProbe(run.pid(), run.runDir() == null ? null
        : run.runDir().resolve("db").resolve("fleet-jobs.mv.db"), run.rest())) {
      if (!probe.readsHeap()) {
        report.note("soak: the service's heap is not read (its pid is not known, or the JDK Attach API is missing)");
      }
      samples.add(probe.read());
      sampler.scheduleAtFixedRate(() -> sample(probe), s.sample().toMillis(), s.sample().toMillis(), TimeUnit.MILLISECONDS);
      loop();
      sampler.shutdown();
      sampler.awaitTermination(1, TimeUnit.MINUTES);
      samples.add(probe.read());
    } finally {
      sampler.shutdownNow();
      pool.close();
    }
    new SoakSeries(samples, counts, s).report(report, warmUpSamples());
  }

  private void sample(ServiceProbe probe) {
    try {
      ServiceProbe.Sample sample = probe.read();
      samples.add(sample);
      run.progress().done("soak", "%s: heap %s MB, %s open files, %s threads, database %s MB; %s", clock(sample.seconds()),
          SoakSeries.mb(sample.heapBytes()), sample.openFiles(), sample.threads(), SoakSeries.mb(sample.databaseBytes()), counts);
    } catch (RuntimeException e) {
      run.report().note("soak: a reading failed: " + e);
    }
  }

  private int warmUpSamples() {
    return (int) Math.ceil((double) s.warmUp().toMillis() / s.sample().toMillis());
  }

  /** Jobs until the duration is over: new, copy, copy stopped half-way, and again; the one before each purged. */
  private void loop() {
    long deadline = System.nanoTime() + s.duration().toNanos();
    String previous = null;
    for (int cycle = 0; System.nanoTime() < deadline; cycle++) {
      List<SimulatedDevice> away = dropSome();
      CompletableFuture<Void> back = CompletableFuture.runAsync(() -> {
        Progress.park(1000);
        away.forEach(SimulatedDevice::connect);
      });
      String job = switch (cycle % 3) {
        case 0 -> created(cycle);
        case 1 -> copied(previous);
        default -> stoppedHalfWay(previous);
      };
      back.join();
      pool.next(s.reRegister());
      if (job == null) {
        run.report().note("soak: cycle " + cycle + " did not finish within " + run.phaseTimeout() + "; the soak stopped there");
        return;
      }
      if (previous != null) {
        run.delete(previous);
        count("purged");
      }
      previous = job;
      count("cycles");
    }
    counts.put("reRegistered", (long) pool.reRegistered());
  }

  private String created(int cycle) {
    RunContext.JobRun job = run.runJob("soak", "bench soak " + cycle);
    count("created");
    return job.finished() ? job.id() : null;
  }

  private String copied(String source) {
    String copy = run.rest().postOk("/api/jobs/" + source + "/copy", null).get("id").asText();
    run.rest().postOk("/api/jobs/" + copy + "/run", null);
    count("copies");
    return awaitDone(copy) ? copy : null;
  }

  /** A copy run with the devices holding their work, stopped once half of them have it: it ends Canceled. */
  private String stoppedHalfWay(String source) {
    String copy = run.rest().postOk("/api/jobs/" + source + "/copy", null).get("id").asText();
    long before = run.fleet().stats().executionsReceived();
    run.fleet().hold(true);
    try {
      run.rest().postOk("/api/jobs/" + copy + "/run", null);
      run.waitFor("soak: stop", () -> run.fleet().stats().executionsReceived() - before >= run.n() / 2, () -> "half of the devices working");
      run.rest().postOk("/api/jobs/" + copy + "/stop", null);
    } finally {
      run.fleet().hold(false);
    }
    count("stopped");
    return awaitDone(copy) ? copy : null;
  }

  private boolean awaitDone(String job) {
    return run.waitFor("soak", () -> {
      var j = run.rest().getOk("/api/jobs/" + job);
      return !j.path("status").asText().equals("RUNNING") && j.path("counts").path("pending").asLong() == 0;
    }, () -> "waiting for " + job);
  }

  /** {@code churn} connected devices of the fleet drop their connection (their last will fires). */
  private List<SimulatedDevice> dropSome() {
    List<SimulatedDevice> devices = run.fleet().devices();
    List<SimulatedDevice> away = new ArrayList<>();
    for (int i = 0; i < Math.min(s.churn(), devices.size()); i++) {
      SimulatedDevice device = devices.get(random.nextInt(devices.size()));
      if (device.isConnected() && !away.contains(device)) {
        device.disconnect();
        away.add(device);
      }
    }
    counts.merge("dropped", (long) away.size(), Long::sum);
    return away;
  }

  private void count(String what) {
    counts.merge(what, 1L, Long::sum);
  }

  static String clock(long seconds) {
    return "%d:%02d".formatted(seconds / 60, seconds % 60);
  }

  /** The soak's pool of devices deleted and registered again, each its own one-device fleet (its secret changes). */
  private static final class ReRegistrations implements AutoCloseable {

    private static final String PREFIX = "bench-churn-";

    private final RunContext run;
    private final List<String> ids = new ArrayList<>();
    private final Map<String, SimulatedFleet> fleets = new LinkedHashMap<>();
    private int nextIndex;
    private int reRegistered;

    ReRegistrations(RunContext run, int size) {
      this.run = run;
      for (int i = 0; i < size; i++) {
        String id = PREFIX + "%04d".formatted(i);
        ids.add(id);
        connect(id, register(id));
      }
    }

    /** The next {@code count} devices of the pool: deleted while connected, registered again, connected with the new secret. */
    void next(int count) {
      for (int i = 0; i < count; i++) {
        String id = ids.get(nextIndex++ % ids.size());
        Rest.ok(run.rest().delete("/api/devices/" + id), "DELETE /api/devices/" + id); // ends its connection
        SimulatedFleet old = fleets.remove(id);
        if (old != null) {
          old.close();
        }
        connect(id, register(id));
        reRegistered++;
      }
    }

    int reRegistered() {
      return reRegistered;
    }

    private String register(String id) {
      // not in the run's device set: jobs never wait for a device that is about to be deleted
      String body = """
          {"id": "%s", "template": "%s", "attributes": {"bench-churn": "%s"}}
          """.formatted(id, Bench.CHILD_TEMPLATE, run.setId());
      return run.rest().postOk("/api/devices", body).get("credential").get("secret").asText();
    }

    private void connect(String id, String secret) {
      // a fleet of one, so that the device can come back with another secret: ids are the prefix and a 4-digit index
      SimulatedFleet one = SimulatedFleet.builder().brokerHost(run.brokerHost()).brokerPort(run.brokerPort())
          .template(Bench.CHILD_TEMPLATE).idPrefix(PREFIX).startIndex(ids.indexOf(id)).count(1)
          .attributes(i -> Map.of("bench-churn", run.setId())).credentials(Map.of(id, secret)).build();
      one.start();
      fleets.put(id, one);
    }

    @Override
    public void close() {
      fleets.values().forEach(SimulatedFleet::close);
      fleets.clear();
    }
  }
}
