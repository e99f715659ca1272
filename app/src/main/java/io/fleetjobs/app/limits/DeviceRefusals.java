package io.fleetjobs.app.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every device message the service refuses, on any transport: counted by code in
 * {@code fleet_device_messages_refused_total{code}} (a contract {@code ErrorCode}, or {@code QUOTA_EXCEEDED} for a
 * message over the device's rate) and logged per device, never a line per message: the first refusal of a device at
 * once, then at most one summary line per {@code fleet.limits.log-interval} with the count by code and the first error.
 * It also rations error replies: a device gets at most {@code fleet.limits.error-replies} per interval, so one sending
 * malformed messages in a loop cannot make the service publish as fast as it sends ({@code
 * fleet_device_error_replies_dropped_total} counts the replies not sent). Devices whose refusals the service follows
 * at once are capped at {@value #MAX_DEVICES}; beyond them refusals are counted in one line for all, and not answered.
 */
@Singleton
public class DeviceRefusals {

  /** How many devices' windows are kept at most (a few hundred bytes each). */
  static final int MAX_DEVICES = 100_000;

  /** Whom refusals on a topic that names no valid device id are counted against (all such topics together). */
  public static final String UNNAMED = "(no valid device id)";

  /** The code a message over its device's rate is refused with (MQTT 5's PUBACK reason code). */
  public static final String QUOTA_EXCEEDED = "QUOTA_EXCEEDED";

  private static final Logger LOG = LoggerFactory.getLogger(DeviceRefusals.class);

  private final Clock clock;
  private final LimitsConfig limits;
  private final MeterRegistry registry;
  private final Map<String, Counter> refusedByCode = new ConcurrentHashMap<>();
  private final Map<String, Counter> disconnectsByReason = new ConcurrentHashMap<>();
  private final Map<String, Counter> connectsByReason = new ConcurrentHashMap<>();
  private final Counter repliesDropped;
  private final ConcurrentHashMap<String, RefusalWindow> windows = new ConcurrentHashMap<>();
  private final AtomicLong untracked = new AtomicLong();
  private volatile long untrackedSince;

  public DeviceRefusals(Clock clock, LimitsConfig limits, MeterRegistry registry) {
    this.clock = clock;
    this.limits = limits;
    this.registry = registry;
    this.repliesDropped = Counter.builder("fleet.device.error.replies.dropped")
        .description("Error replies not sent because the device had had its share of the interval").register(registry);
  }

  /**
   * A message of {@code deviceId} (for a gateway's child: the gateway, whose connection sent it) refused with
   * {@code code}; returns whether an error reply may still go to the device in this interval.
   */
  public boolean refused(String deviceId, String code, String topic, String detail) {
    return record(deviceId, code, topic, detail, true);
  }

  /** A message of {@code deviceId} dropped for going over its message rate: counted and summarized, never answered. */
  public void throttled(String deviceId, String topic, String detail) {
    record(deviceId, QUOTA_EXCEEDED, topic, detail, false);
  }

  /** {@code deviceId}'s connection was ended for {@code reason} (an MQTT reason code): counted and summarized. */
  public void disconnected(String deviceId, String reason, String detail) {
    disconnectsByReason.computeIfAbsent(reason, r -> Counter.builder("fleet.device.disconnects").tag("reason", r)
        .description("Device connections the service ended for their behaviour").register(registry)).increment();
    if (countInWindow(deviceId, RefusalWindow::disconnected)) {
      LOG.warn("Disconnected device '{}': {} {}; more of its refusals are summarized every {} s", RefusalWindow.clip(deviceId), reason,
          RefusalWindow.clip(detail), limits.logInterval().toSeconds());
    }
  }

  /**
   * A connect of {@code deviceId} refused for {@code reason} (an MQTT reason code) before any other work: a device
   * disconnected for its rate reconnecting before its allowance has refilled. Counted in
   * {@code fleet_device_connects_refused_total{reason}} and summarized with the device's refusals.
   */
  public void connectRefused(String deviceId, String reason, String detail) {
    connectsByReason.computeIfAbsent(reason, r -> Counter.builder("fleet.device.connects.refused").tag("reason", r)
        .description("Device connects refused for the device's behaviour, before any other work").register(registry)).increment();
    if (countInWindow(deviceId, RefusalWindow::connectRefused)) {
      LOG.warn("Refused a connect of device '{}': {} {}; more of its refusals are summarized every {} s", RefusalWindow.clip(deviceId), reason,
          RefusalWindow.clip(detail), limits.logInterval().toSeconds());
    }
  }

  /**
   * Counts an event in {@code deviceId}'s window, or opens the window (as many as {@code MAX_DEVICES}) when it has
   * none; true when it was opened now, so the caller logs this first event in full.
   */
  private boolean countInWindow(String deviceId, java.util.function.Consumer<RefusalWindow> count) {
    boolean[] opened = {false};
    windows.compute(deviceId, (id, window) -> {
      if (window == null) {
        if (windows.size() >= MAX_DEVICES) {
          return null;
        }
        opened[0] = true;
        return new RefusalWindow(clock.millis());
      }
      count.accept(window);
      return window;
    });
    return opened[0];
  }

  private boolean record(String deviceId, String code, String topic, String detail, boolean wantsReply) {
    refusedByCode.computeIfAbsent(code, c -> Counter.builder("fleet.device.messages.refused").tag("code", c)
        .description("Device messages the service refused, by error code").register(registry)).increment();
    long now = clock.millis();
    boolean[] opened = {false};
    boolean[] reply = {false};
    RefusalWindow window = windows.compute(deviceId, (id, existing) -> {
      RefusalWindow w = existing;
      if (w == null) {
        if (windows.size() >= MAX_DEVICES) {
          return null;
        }
        w = new RefusalWindow(now); // its first refusal gets a line of its own, below
        opened[0] = true;
      } else {
        w.add(code, topic, detail);
      }
      reply[0] = wantsReply && w.takeReply(limits.errorReplies());
      return w;
    });
    if (window == null) {
      if (untracked.getAndIncrement() == 0) {
        untrackedSince = now;
      }
    } else if (opened[0]) {
      LOG.warn("Refused a message of device '{}': {}; more refusals of '{}' are summarized every {} s", RefusalWindow.clip(deviceId),
          RefusalWindow.describe(code, topic, detail), RefusalWindow.clip(deviceId), limits.logInterval().toSeconds());
    }
    if (wantsReply && !reply[0]) {
      repliesDropped.increment();
    }
    return reply[0];
  }

  /** Closes the windows of the interval just ended: one summary line each for those with more to say. */
  @Scheduled(fixedDelay = "1s", initialDelay = "1s")
  void flush() {
    flush(clock.millis());
  }

  void flush(long now) {
    long interval = limits.logInterval().toMillis();
    for (Map.Entry<String, RefusalWindow> entry : windows.entrySet()) {
      if (now - entry.getValue().openedAt < interval) {
        continue;
      }
      String[] line = {null};
      windows.computeIfPresent(entry.getKey(), (id, window) -> {
        if (now - window.openedAt < interval) {
          return window; // replaced meanwhile
        }
        if (window.quiet()) {
          return null; // the device stopped: its next refusal is news again
        }
        line[0] = window.summary(id, limits.logInterval().toSeconds());
        return new RefusalWindow(now); // it goes on: the next interval is summarized, without a line of its own first
      });
      if (line[0] != null) {
        LOG.warn(line[0]);
      }
    }
    if (untracked.get() > 0 && now - untrackedSince >= interval) {
      LOG.warn("{} more device messages were refused in the last {} s from devices beyond the {} followed one by one",
          untracked.getAndSet(0), limits.logInterval().toSeconds(), MAX_DEVICES);
    }
  }

  /** How many devices have an open window (for tests: memory stays bounded). */
  int followed() {
    return windows.size();
  }
}
