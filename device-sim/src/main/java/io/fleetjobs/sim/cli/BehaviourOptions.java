package io.fleetjobs.sim.cli;

import io.fleetjobs.sim.Behaviour;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The behaviour flags {@code run} and {@code bench} share, applied on top of each command's own defaults: a behaviour
 * file first, then the flags.
 */
public final class BehaviourOptions {

  @Option(names = "--latency", description = "answer latency range, e.g. 1..3s, or 200ms (default: run 50..500ms, bench 0ms)")
  String latency;

  @Option(names = "--failure-rate", description = "share of executions that fail (0..1)")
  Double failureRate;

  @Option(names = "--reject-rate", description = "share of executions rejected as not applicable (0..1)")
  Double rejectRate;

  @Option(names = "--seed", description = "seed of the random draws (default: 42)")
  Long seed;

  @Option(names = "--behaviour-file", description = "JSON or .properties file with the behaviour knobs; flags override it")
  Path behaviourFile;

  /** The file first, then the flags. */
  public Behaviour.Builder applyTo(Behaviour.Builder b) throws IOException {
    if (behaviourFile != null) {
      BehaviourFile.apply(behaviourFile, b);
    }
    if (latency != null) {
      Duration[] range = Durations.range(latency);
      b.latency(range[0], range[1]);
    }
    if (failureRate != null) {
      b.failureRate(failureRate);
    }
    if (rejectRate != null) {
      b.rejectRate(rejectRate);
    }
    if (seed != null) {
      b.seed(seed);
    }
    return b;
  }

  /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601. */
  public static Duration duration(String text) {
    return Durations.parse(text);
  }
}
