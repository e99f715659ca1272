package io.fleetjobs.sim.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in microseconds, counted into buckets that grow by a sixteenth of a power of two (so a percentile is
 * within about 6 % of the truth) instead of keeping every sample: a flood records hundreds of thousands a second, from
 * the MQTT client's network threads. Thread-safe and lock-free.
 */
final class LatencyHistogram {

  private static final int SUB_BITS = 4;
  private static final int SUB = 1 << SUB_BITS;
  private static final int BUCKETS = 64 * SUB;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

  void record(long micros) {
    counts.incrementAndGet(index(Math.max(0, micros)));
  }

  long count() {
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      total += counts.get(i);
    }
    return total;
  }

  /** The {@code p}th percentile (0-100) in microseconds: the upper bound of its bucket; -1 when empty. */
  long percentile(double p) {
    long total = count();
    if (total == 0) {
      return -1;
    }
    long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return upperBound(i);
      }
    }
    return upperBound(BUCKETS - 1);
  }

  /** Values below 16 have a bucket each; above, a power of two is split into 16 buckets by the next four bits. */
  static int index(long value) {
    if (value < SUB) {
      return (int) value;
    }
    int power = 63 - Long.numberOfLeadingZeros(value); // >= SUB_BITS
    int mantissa = (int) (value >>> (power - SUB_BITS)) & (SUB - 1);
    return (power - SUB_BITS + 1) * SUB + mantissa;
  }

  static long upperBound(int index) {
    if (index < SUB) {
      return index;
    }
    int power = index / SUB + SUB_BITS - 1;
    long mantissa = index % SUB;
    long step = 1L << (power - SUB_BITS);
    return (1L << power) + (mantissa + 1) * step - 1;
  }
}
