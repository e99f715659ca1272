package io.fleetjobs.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * How simulated devices behave. Rates are probabilities from 0 to 1, drawn per execution in this order: malformed
 * (send a contract-breaking message instead of an answer), silent (never answer), reject, fail; otherwise succeed.
 * Answers come after a latency drawn uniformly between {@code latencyMin} and {@code latencyMax}.
 *
 * @param churnEvery mean time between a device's unexpected disconnects (null: never)
 * @param churnFor how long a churned device stays offline before reconnecting
 * @param progressUpdates send an IN_PROGRESS update before the final one
 * @param propertyReports send a PropertyReport of the new values after a success (off: one request, one reply)
 * @param seed makes the random draws repeatable
 */
public record Behaviour(
    Duration latencyMin,
    Duration latencyMax,
    double failureRate,
    double rejectRate,
    double silentRate,
    double malformedRate,
    Duration churnEvery,
    Duration churnFor,
    boolean progressUpdates,
    long seed,
    boolean propertyReports) {

  public Behaviour {
    Objects.requireNonNull(latencyMin, "latencyMin");
    Objects.requireNonNull(latencyMax, "latencyMax");
    if (latencyMin.isNegative() || latencyMax.compareTo(latencyMin) < 0) {
      throw new IllegalArgumentException("latency must satisfy 0 <= min <= max, got " + latencyMin + ".." + latencyMax);
    }
    rate(failureRate, "failureRate");
    rate(rejectRate, "rejectRate");
    rate(silentRate, "silentRate");
    rate(malformedRate, "malformedRate");
    if (churnEvery != null && (churnEvery.isZero() || churnEvery.isNegative())) {
      throw new IllegalArgumentException("churnEvery must be positive");
    }
    churnFor = churnFor == null ? Duration.ofSeconds(5) : churnFor;
  }

  private static void rate(double value, String name) {
    if (value < 0 || value > 1) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
    }
  }

  /** Answers everything successfully after 50 to 500 ms, with a progress update. */
  public static Behaviour defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .latency(latencyMin, latencyMax)
        .failureRate(failureRate)
        .rejectRate(rejectRate)
        .silentRate(silentRate)
        .malformedRate(malformedRate)
        .churn(churnEvery, churnFor)
        .progressUpdates(progressUpdates)
        .seed(seed)
        .propertyReports(propertyReports);
  }

  /** Builds a {@link Behaviour}; unset knobs keep their defaults. */
  public static final class Builder {
    private Duration latencyMin = Duration.ofMillis(50);
    private Duration latencyMax = Duration.ofMillis(500);
    private double failureRate;
    private double rejectRate;
    private double silentRate;
    private double malformedRate;
    private Duration churnEvery;
    private Duration churnFor = Duration.ofSeconds(5);
    private boolean progressUpdates = true;
    private long seed = 42;
    private boolean propertyReports = true;

    public Builder latency(Duration min, Duration max) {
      this.latencyMin = min;
      this.latencyMax = max;
      return this;
    }

    public Builder failureRate(double rate) {
      this.failureRate = rate;
      return this;
    }

    public Builder rejectRate(double rate) {
      this.rejectRate = rate;
      return this;
    }

    public Builder silentRate(double rate) {
      this.silentRate = rate;
      return this;
    }

    public Builder malformedRate(double rate) {
      this.malformedRate = rate;
      return this;
    }

    public Builder churn(Duration every, Duration offlineFor) {
      this.churnEvery = every;
      this.churnFor = offlineFor;
      return this;
    }

    public Builder progressUpdates(boolean progress) {
      this.progressUpdates = progress;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder propertyReports(boolean reports) {
      this.propertyReports = reports;
      return this;
    }

    public Behaviour build() {
      return new Behaviour(latencyMin, latencyMax, failureRate, rejectRate, silentRate, malformedRate, churnEvery, churnFor,
          progressUpdates, seed, propertyReports);
    }
  }
}
