package io.fleetjobs.app.coap;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket per device: {@code burst} requests at once, refilled at {@code perSecond}. A full bucket is the same
 * as none, so buckets that have refilled are forgotten whenever room is needed: memory holds at most {@code maxKeys}
 * buckets, and only of devices that sent something within the last {@code burst / perSecond} seconds. Past that
 * bound a new device gets {@link #NO_ROOM} until room is made, at most once a second.
 */
final class RequestRate {

  private static final class Bucket {
    private double tokens;
    private long updatedAt;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updatedAt = now;
    }
  }

  /** What {@link #acquire} answers a device it cannot track now: every tracked device is spending its burst. */
  static final long NO_ROOM = -1;

  private final double perMilli;
  private final int burst;
  private final int maxKeys;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE / 2);

  RequestRate(double perSecond, int burst, int maxKeys, Clock clock) {
    this.perMilli = perSecond / 1000.0;
    this.burst = burst;
    this.maxKeys = maxKeys;
    this.clock = clock;
  }

  /**
   * Takes one request's token: 0 when the request may go on, else how many milliseconds until the next token, or
   * {@link #NO_ROOM}.
   */
  long acquire(String key) {
    long now = clock.millis();
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      if (buckets.size() >= maxKeys && !sweep(now)) {
        return NO_ROOM;
      }
      bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
    }
    synchronized (bucket) {
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updatedAt) * perMilli);
      bucket.updatedAt = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perMilli));
    }
  }

  /** Devices whose requests are being counted right now. */
  int tracked() {
    return buckets.size();
  }

  /** Forgets the buckets that have refilled; at most once a second. Returns whether there is room now. */
  private boolean sweep(long now) {
    long last = lastSweep.get();
    if (now - last >= 1000 && lastSweep.compareAndSet(last, now)) {
      buckets.entrySet().removeIf(e -> {
        synchronized (e.getValue()) {
          return e.getValue().tokens + (now - e.getValue().updatedAt) * perMilli >= burst;
        }
      });
    }
    return buckets.size() < maxKeys;
  }
}
