package io.fleetjobs.app.common;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a recurring warning at most once per interval per key (a client id, a device id), with how many more happened
 * since the last line, so that a misbehaving device cannot flood the log. Remembers at most {@code maxKeys} keys;
 * past that, new keys are not logged until old windows expire.
 */
public final class ThrottledLog {

  private record Window(long startedAt, AtomicLong suppressed) {}

  private final Logger log;
  private final Clock clock;
  private final long intervalMillis;
  private final int maxKeys;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public ThrottledLog(Logger log, Clock clock, Duration interval, int maxKeys) {
    this.log = log;
    this.clock = clock;
    this.intervalMillis = interval.toMillis();
    this.maxKeys = maxKeys;
  }

  /** Logs {@code message} (with {@code {}} placeholders for {@code args}) unless {@code key} was logged within the interval. */
  public void warn(String key, String message, Object... args) {
    long now = clock.millis();
    Window window = windows.get(key);
    if (window != null && now - window.startedAt() < intervalMillis) {
      window.suppressed().incrementAndGet();
      return;
    }
    if (window == null && windows.size() >= maxKeys) {
      windows.entrySet().removeIf(e -> now - e.getValue().startedAt() >= intervalMillis);
      if (windows.size() >= maxKeys) {
        return;
      }
    }
    long suppressed = window == null ? 0 : window.suppressed().get();
    windows.put(key, new Window(now, new AtomicLong()));
    if (log.isWarnEnabled()) {
      String line = suppressed > 0 ? message + " (and " + suppressed + " more like it in the interval before)" : message;
      log.warn(line, args);
    }
  }
}
