package io.fleetjobs.sim.bench;

import java.util.List;

/**
 * Whether a figure sampled over a soak stayed flat. After the warm-up samples, the rest is cut in thirds: the figure is
 * flat when the mean of the last third is at most {@code percent} above the mean of the first third, or at most
 * {@code slack} above it (for small figures, where a few files or threads are a large share). Only growth counts: a
 * figure that falls is flat. Fewer than three samples after the warm-up say nothing: not flat.
 *
 * @param first the first third's mean
 * @param last the last third's mean
 * @param samples how many samples were compared (after the warm-up)
 */
record Flatness(double first, double last, int samples, boolean flat) {

  /** The change from the first third to the last, in percent of the first. */
  double changePercent() {
    return first == 0 ? (last == 0 ? 0 : Double.POSITIVE_INFINITY) : (last - first) / first * 100;
  }

  /**
   * @param values the samples in time order, negative ones (not measured) left out
   * @param warmUp how many samples at the start to leave out
   */
  static Flatness of(List<Long> values, int warmUp, double percent, double slack) {
    List<Long> measured = values.stream().filter(v -> v >= 0).toList();
    List<Long> rest = measured.subList(Math.min(warmUp, measured.size()), measured.size());
    if (rest.size() < 3) {
      return new Flatness(Double.NaN, Double.NaN, rest.size(), false);
    }
    int third = rest.size() / 3;
    double first = mean(rest.subList(0, third));
    double last = mean(rest.subList(rest.size() - third, rest.size()));
    boolean flat = last <= first * (1 + percent / 100) || last - first <= slack;
    return new Flatness(first, last, rest.size(), flat);
  }

  private static double mean(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
  }
}
