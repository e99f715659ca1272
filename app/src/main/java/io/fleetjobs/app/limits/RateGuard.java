package io.fleetjobs.app.limits;

/**
 * The message allowance of one connection: a token bucket for its own topics and one for its children's (a
 * gateway's), made when first needed. Once a message is refused the connection counts as over its limit until both
 * buckets have refilled; if it stays over for {@code disconnect-after}, the verdict becomes {@link Verdict#DISCONNECT}.
 * Thread-safe; clock-free (every call says what time it is).
 */
public final class RateGuard {

  /** What to do with one message. */
  public enum Verdict {
    /** Deliver it. */
    ALLOW,
    /** Drop it: over the limit. */
    REFUSE,
    /** Drop it and end the connection: over the limit for too long. */
    DISCONNECT
  }

  private final LimitsConfig limits;
  private final TokenBucket own;
  private TokenBucket children;
  private long overSince = -1;

  public RateGuard(LimitsConfig limits, long now) {
    this.limits = limits;
    this.own = limits.deviceRate() > 0 ? new TokenBucket(limits.deviceRate(), limits.deviceBurst(), now) : null;
  }

  /**
   * The verdict on one message published now.
   *
   * @param forChildren whether it is on a child's topic (a gateway's children's allowance)
   */
  public synchronized Verdict check(boolean forChildren, long now) {
    if (overSince >= 0 && rested(now)) {
      overSince = -1;
    }
    TokenBucket bucket = forChildren ? children(now) : own;
    if (bucket == null || bucket.tryTake(now)) {
      return Verdict.ALLOW;
    }
    if (overSince < 0) {
      overSince = now;
    }
    return now - overSince >= limits.disconnectAfter().toMillis() ? Verdict.DISCONNECT : Verdict.REFUSE;
  }

  /** Whether the connection has been quiet long enough to forget it: every allowance full, not over its limit. */
  public synchronized boolean idle(long now) {
    return rested(now);
  }

  private boolean rested(long now) {
    return (own == null || own.isFull(now)) && (children == null || children.isFull(now));
  }

  private TokenBucket children(long now) {
    if (children == null && limits.gatewayRate() > 0) {
      children = new TokenBucket(limits.gatewayRate(), limits.gatewayBurst(), now);
    }
    return children;
  }
}
