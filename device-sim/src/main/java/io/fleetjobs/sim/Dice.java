package io.fleetjobs.sim;

import java.util.Random;

/**
 * A device's random draws. Seeded from the behaviour's seed and the device id, so a run with the same seed and ids
 * draws the same outcomes and latencies per device, whatever the thread timing.
 */
final class Dice {

  /** What a device does with one execution. */
  enum Outcome {
    SUCCEED,
    FAIL,
    REJECT,
    SILENT,
    MALFORMED
  }

  private final Behaviour behaviour;
  private final Random random;

  Dice(Behaviour behaviour, String deviceId) {
    this.behaviour = behaviour;
    this.random = new Random(behaviour.seed() ^ deviceId.hashCode());
  }

  /** Draws in the order malformed, silent, reject, fail; whatever is left succeeds. */
  synchronized Outcome outcome() {
    double r = random.nextDouble();
    if ((r -= behaviour.malformedRate()) < 0) {
      return Outcome.MALFORMED;
    }
    if ((r -= behaviour.silentRate()) < 0) {
      return Outcome.SILENT;
    }
    if ((r -= behaviour.rejectRate()) < 0) {
      return Outcome.REJECT;
    }
    if ((r -= behaviour.failureRate()) < 0) {
      return Outcome.FAIL;
    }
    return Outcome.SUCCEED;
  }

  /** Uniform between the behaviour's latency bounds, in milliseconds. */
  synchronized long latencyMillis() {
    long min = behaviour.latencyMin().toMillis();
    long max = behaviour.latencyMax().toMillis();
    return max <= min ? min : min + (long) (random.nextDouble() * (max - min));
  }

  /** Time to the next churn: between half and one and a half times {@code churnEvery}, so devices do not drop in step. */
  synchronized long churnDelayMillis() {
    long every = behaviour.churnEvery().toMillis();
    return every / 2 + (long) (random.nextDouble() * every);
  }

  /** 0 (inclusive) to {@code bound} (exclusive). */
  synchronized int pick(int bound) {
    return random.nextInt(bound);
  }
}
