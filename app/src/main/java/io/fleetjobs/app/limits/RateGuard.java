package io.fleetjobs.app.limits;

/**
 * The message allowance of one device's connections: a token bucket for its own topics and one for its children's (a
 * gateway's), made when first needed. Once a message is refused the device counts as over its limit until both
 * buckets have refilled; if it stays over for {@code disconnect-after}, or has {@code disconnect-after-refused}
 * messages refused meanwhile, the verdict becomes {@link Verdict#DISCONNECT}, and from then on the device may not
 * connect again until its allowance has refilled ({@link #mayConnect}): reconnecting never buys a fresh burst.
 * Thread-safe; clock-free (every call says what time it is).
 */
public final class RateGuard {

  /** What to do with one message. */
  public enum Verdict {
    /** Deliver it. */
    ALLOW,
    /** Drop it: over the limit. */
    REFUSE,
    /** Drop it and end the connection: over the limit for too long, or for too many messages. */
    DISCONNECT
  }

  private final LimitsConfig limits;
  private final TokenBucket own;
  private TokenBucket children;
  private long overSince = -1;
  private long refusedWhileOver;
  private boolean disconnected;
  private String why;

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
    forgiveIfRested(now);
    TokenBucket bucket = forChildren ? children(now) : own;
    if (bucket == null || bucket.tryTake(now)) {
      return Verdict.ALLOW;
    }
    if (overSince < 0) {
      overSince = now;
    }
    refusedWhileOver++;
    boolean tooLong = now - overSince >= limits.disconnectAfter().toMillis();
    boolean tooMany = limits.disconnectAfterRefused() > 0 && refusedWhileOver >= limits.disconnectAfterRefused();
    if (tooLong || tooMany) {
      disconnected = true;
      why = tooMany ? refusedWhileOver + " messages refused" : "over it for " + limits.disconnectAfter().toSeconds() + " s";
      return Verdict.DISCONNECT;
    }
    return Verdict.REFUSE;
  }

  /** Why the last {@link Verdict#DISCONNECT} was given: {@code over it for 10 s} or {@code 200 messages refused}. */
  public synchronized String disconnectedFor() {
    return why;
  }

  /** Whether the device may open a connection now: not while it was disconnected and its allowance has not refilled. */
  public synchronized boolean mayConnect(long now) {
    forgiveIfRested(now);
    return !disconnected;
  }

  /** Whether the device has been quiet long enough to forget it: every allowance full, not over its limit. */
  public synchronized boolean idle(long now) {
    return rested(now);
  }

  private void forgiveIfRested(long now) {
    if ((overSince >= 0 || disconnected) && rested(now)) {
      overSince = -1;
      refusedWhileOver = 0;
      disconnected = false;
    }
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
