package io.fleetjobs.app.limits;

/**
 * A token bucket: {@code burst} tokens at most, refilled at {@code perSecond}; each message takes one. Not thread-safe
 * (its owner synchronizes) and clock-free: every call says what time it is, in milliseconds.
 */
final class TokenBucket {

  private final double perMilli;
  private final double capacity;
  private double tokens;
  private long updatedAt;

  TokenBucket(int perSecond, int burst, long now) {
    this.perMilli = perSecond / 1000.0;
    this.capacity = burst;
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** Takes a token if there is one. */
  boolean tryTake(long now) {
    refill(now);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Whether the bucket has refilled completely: its owner has stayed under the rate long enough. */
  boolean isFull(long now) {
    refill(now);
    return tokens >= capacity;
  }

  private void refill(long now) {
    long elapsed = now - updatedAt;
    if (elapsed > 0) { // a clock set back refills nothing, and takes nothing back
      tokens = Math.min(capacity, tokens + elapsed * perMilli);
      updatedAt = now;
    }
  }
}
