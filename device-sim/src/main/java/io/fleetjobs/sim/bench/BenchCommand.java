package io.fleetjobs.sim.bench;

import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.cli.BehaviourOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code device-sim bench}: one run measures the service against raw MQTT with the same broker and the same simulated
 * devices (held in this JVM). See device-sim/README.md for the phases and the figures.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measures the service (launched here, or --api) against raw MQTT round trips over the same devices.")
public final class BenchCommand implements Callable<Integer> {

  @Option(names = "--app-jar", description = "the service's jar to launch (default: app/target/fleet-jobs-app.jar, else ../app/target/...)")
  Path appJar;

  @Option(names = "--app-xmx", defaultValue = "2g", description = "heap of the launched service (default: ${DEFAULT-VALUE})")
  String appXmx;

  @Option(names = "--app-property", paramLabel = "KEY=VALUE",
      description = "a configuration property of the launched service, after the bench's own (repeatable), e.g."
          + " datasources.default.url=jdbc:postgresql://127.0.0.1:5432/fleet to measure on PostgreSQL")
  java.util.List<String> appProperties = new java.util.ArrayList<>();

  @Option(names = "--app-java-option", paramLabel = "OPTION",
      description = "a JVM option of the launched service (repeatable), e.g. -XX:StartFlightRecording=filename=service.jfr,settings=profile"
          + " (relative files land in its run folder, target/bench/bench-<timestamp>/)")
  java.util.List<String> javaOptions = new java.util.ArrayList<>();

  @Option(names = "--api", description = "use an already running service at this URL (http://host:port) instead of launching one")
  String api;

  @Option(names = "--api-token", description = "an admin's API token (fjt_...) for the service given with --api (default: env FLEET_API_TOKEN)")
  String apiToken = System.getenv("FLEET_API_TOKEN");

  @Option(names = "--service-password", description = "with --api: the password of the service's MQTT account (fleet.mqtt.password), for the raw round trips (default: env FLEET_MQTT_PASSWORD)")
  String servicePassword = System.getenv("FLEET_MQTT_PASSWORD");

  @Option(names = "--broker", description = "tcp://host:port: the broker devices (and a launched service) use; with --api required")
  String broker;

  @Option(names = "--app-pid", description = "pid of the running service given with --api, for the heap figures")
  Long appPid;

  @Option(names = "--max-in-flight", description = "the running service's fleet.jobs.max-in-flight, with --api (default: 10000)")
  Integer maxInFlight;

  @Option(names = "--devices", defaultValue = "0", description = "direct devices")
  int devices;

  @Option(names = "--gateways", defaultValue = "0", description = "gateways, each with --children children")
  int gateways;

  @Option(names = "--children", defaultValue = "0", description = "children per gateway")
  int children;

  @Option(names = "--rounds", defaultValue = "3", description = "measured raw MQTT rounds after one warm-up round (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--window", defaultValue = "2000", description = "raw MQTT pings unanswered at once (default: ${DEFAULT-VALUE})")
  int window;

  @Option(names = "--query-calls", defaultValue = "20", description = "calls per timed query, after 5 warm-up calls (default: ${DEFAULT-VALUE})")
  int queryCalls;

  @Option(names = "--purge-executions", description = "finished executions to purge (default: what the run produced); more are seeded by stopped copies")
  Long purgeExecutions;

  @Option(names = "--phase-timeout", defaultValue = "10m", description = "longest wait of any phase (default: ${DEFAULT-VALUE})")
  String phaseTimeout;

  @Option(names = "--out", description = "JSON result file (default: target/bench/bench-<mode>-<N>.json)")
  Path out;

  @Option(names = "--phases", split = ",", paramLabel = "PHASE",
      description = "the phases to run (always in this order, after set-up): raw, job, queries, heap, purge, flood, soak; queries, heap"
          + " and purge need job (default: raw,job,queries,heap,purge; with --flood those and flood; with --soak only soak)")
  List<String> phases;

  @Option(names = "--flood", defaultValue = "0", paramLabel = "N",
      description = "N registered devices flood the service in the flood phase, which this adds (default with --phases flood: 4)")
  int flood;

  @Option(names = "--flood-rounds", defaultValue = "3", description = "flood rounds, each the job alone then flooded (default: ${DEFAULT-VALUE})")
  int floodRounds;

  @Option(names = "--flood-measure", defaultValue = "15s",
      description = "how long each half of a flood round runs the job back to back (default: ${DEFAULT-VALUE})")
  String floodMeasure;

  @Option(names = "--flood-warm-up", defaultValue = "3s",
      description = "how long the flood runs before the flooded half is measured (default: ${DEFAULT-VALUE})")
  String floodWarmUp;

  @Option(names = "--flood-in-flight", defaultValue = "1000",
      description = "unacknowledged QoS 1 publishes each flooder keeps (default: ${DEFAULT-VALUE})")
  int floodInFlight;

  @Option(names = "--soak", paramLabel = "DURATION", description = "run the soak for this long (30m, 10m, 1h): jobs in a loop with device churn")
  String soak;

  @Option(names = "--soak-sample", defaultValue = "30s", description = "how often the soak reads the service (default: ${DEFAULT-VALUE})")
  String soakSample;

  @Option(names = "--soak-warm-up", description = "the start of the soak left out of its verdict (default: 2m, or a fifth of a soak under 10m)")
  String soakWarmUp;

  @Option(names = "--soak-churn", description = "fleet devices that drop and come back during each soak job (default: 1 %% of the fleet, at least 1)")
  Integer soakChurn;

  @Option(names = "--soak-re-register", defaultValue = "2",
      description = "devices deleted and registered again with a new credential per soak job (default: ${DEFAULT-VALUE})")
  int soakReRegister;

  @Mixin
  BehaviourOptions behaviourOptions = new BehaviourOptions();

  @Override
  public Integer call() throws Exception {
    if ((devices > 0) == (gateways > 0)) {
      System.err.println("Give either --devices N or --gateways G --children K.");
      return 2;
    }
    if (gateways > 0 && children < 1) {
      System.err.println("--gateways needs --children K (at least 1).");
      return 2;
    }
    if (api != null && apiToken == null) {
      System.err.println("--api needs --api-token (an admin's API token, or the FLEET_API_TOKEN environment variable).");
      return 2;
    }
    if (api != null && broker == null) {
      System.err.println("--api needs --broker tcp://host:port (the broker the service uses).");
      return 2;
    }
    for (String property : appProperties) {
      if (!property.contains("=")) {
        System.err.printf("--app-property takes KEY=VALUE, not '%s'%n", property);
        return 2;
      }
    }
    java.util.Set<Bench.Phase> chosen;
    FloodPhase.Settings floodSettings;
    SoakPhase.Settings soakSettings;
    try {
      chosen = phases();
      floodSettings = floodSettings();
      soakSettings = soakSettings();
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    Path jar = null;
    if (api == null) {
      jar = appJar != null ? appJar : Files.exists(Path.of("app/target/fleet-jobs-app.jar"))
          ? Path.of("app/target/fleet-jobs-app.jar") : Path.of("../app/target/fleet-jobs-app.jar");
      if (!Files.isRegularFile(jar)) {
        System.err.printf("No service jar at %s: build it (mvn -DskipTests package) or pass --app-jar / --api.%n", jar);
        return 2;
      }
    }
    Bench.Settings settings = new Bench.Settings(jar, appXmx, List.copyOf(appProperties), List.copyOf(javaOptions), api, apiToken, servicePassword, broker, appPid, maxInFlight, devices, gateways, children,
        rounds, window, queryCalls, purgeExecutions, BehaviourOptions.duration(phaseTimeout), out, behaviour(), chosen,
        floodSettings, soakSettings);
    try {
      new Bench(settings).run();
      return 0;
    } catch (Bench.CannotRun e) {
      System.err.println("The bench could not run: " + e.getMessage());
      return 1;
    }
  }

  /** The phases asked for, checked: the job's followers need it, the soak needs its duration. */
  java.util.Set<Bench.Phase> phases() {
    java.util.Set<Bench.Phase> chosen = java.util.EnumSet.noneOf(Bench.Phase.class);
    if (phases == null) {
      chosen.addAll(soak != null ? java.util.EnumSet.of(Bench.Phase.SOAK) : Bench.Phase.STANDARD);
      if (flood > 0) {
        chosen.add(Bench.Phase.FLOOD);
      }
    } else {
      for (String name : phases) {
        try {
          chosen.add(Bench.Phase.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--phases: no phase '" + name.trim() + "'; the phases are raw, job, queries, heap, purge, flood, soak");
        }
      }
    }
    for (Bench.Phase follower : List.of(Bench.Phase.QUERIES, Bench.Phase.HEAP, Bench.Phase.PURGE)) {
      if (chosen.contains(follower) && !chosen.contains(Bench.Phase.JOB)) {
        throw new IllegalArgumentException("--phases: " + follower.name().toLowerCase(java.util.Locale.ROOT) + " needs job");
      }
    }
    if (chosen.contains(Bench.Phase.SOAK) != (soak != null)) {
      throw new IllegalArgumentException(soak == null ? "--phases soak needs --soak DURATION" : "--soak needs soak among --phases");
    }
    if (flood < 0 || floodRounds < 1 || floodInFlight < 1 || soakReRegister < 0 || (soakChurn != null && soakChurn < 0)) {
      throw new IllegalArgumentException("--flood, --soak-churn and --soak-re-register take 0 or more; --flood-rounds and --flood-in-flight 1 or more");
    }
    return chosen;
  }

  FloodPhase.Settings floodSettings() {
    return new FloodPhase.Settings(flood > 0 ? flood : 4, floodRounds, BehaviourOptions.duration(floodMeasure),
        BehaviourOptions.duration(floodWarmUp), floodInFlight);
  }

  /** The soak's settings, or null without {@code --soak}. */
  SoakPhase.Settings soakSettings() {
    if (soak == null) {
      return null;
    }
    java.time.Duration duration = BehaviourOptions.duration(soak);
    java.time.Duration warmUp = soakWarmUp != null ? BehaviourOptions.duration(soakWarmUp)
        : duration.compareTo(java.time.Duration.ofMinutes(10)) < 0 ? duration.dividedBy(5) : java.time.Duration.ofMinutes(2);
    int fleet = devices > 0 ? devices : gateways * children;
    int churn = soakChurn != null ? soakChurn : Math.max(1, fleet / 100);
    return new SoakPhase.Settings(duration, BehaviourOptions.duration(soakSample), warmUp, churn, soakReRegister);
  }

  @Option(names = "--progress-updates", description = "send an IN_PROGRESS update before the final one (default: off)")
  boolean progressUpdates;

  @Option(names = "--property-reports", description = "send a PropertyReport after a success (default: off)")
  boolean propertyReports;

  /** For the bench, devices answer at once, once: no progress update, no property report (comparable to R_raw). */
  Behaviour behaviour() throws java.io.IOException {
    Behaviour.Builder b = Behaviour.builder().latency(java.time.Duration.ZERO, java.time.Duration.ZERO).progressUpdates(false)
        .propertyReports(false);
    behaviourOptions.applyTo(b);
    if (progressUpdates) {
      b.progressUpdates(true);
    }
    if (propertyReports) {
      b.propertyReports(true);
    }
    return b.build();
  }
}
