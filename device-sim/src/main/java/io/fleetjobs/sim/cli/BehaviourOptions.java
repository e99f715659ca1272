package io.fleetjobs.sim.cli;

import io.fleetjobs.sim.Behaviour;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The bench's behaviour flags: like {@code run}'s, but on top of the bench's own defaults (instant answers, no
 * progress update, no property report), so the extra messages are opt-in.
 */
public final class BehaviourOptions {

  @Option(names = "--latency", description = "answer latency range, e.g. 0ms (bench default), 1..3s, or 200ms")
  String latency;

  @Option(names = "--failure-rate", description = "share of executions that fail (0..1)")
  Double failureRate;

  @Option(names = "--reject-rate", description = "share of executions rejected as not applicable (0..1)")
  Double rejectRate;

  @Option(names = "--progress-updates", description = "send an IN_PROGRESS update before the final one (bench default: off)")
  boolean progress;

  @Option(names = "--property-reports", description = "send a PropertyReport after a success (bench default: off)")
  boolean reports;

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
    if (progress) {
      b.progressUpdates(true);
    }
    if (reports) {
      b.propertyReports(true);
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
