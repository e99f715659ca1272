package io.fleetjobs.app.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The WARN (and worse) lines one class logs while a test runs: {@code try (LogCapture log = LogCapture.of(X.class))}. */
public final class LogCapture implements AutoCloseable {

  private final Logger logger;
  private final Level level;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(String name) {
    logger = (Logger) LoggerFactory.getLogger(name);
    level = logger.getLevel();
    logger.setLevel(Level.WARN);
    appender.start();
    logger.addAppender(appender);
  }

  public static LogCapture of(Class<?> type) {
    return new LogCapture(type.getName());
  }

  /** Every class under {@code name} (a package: {@code "io.fleetjobs.app"}), package-private ones included. */
  public static LogCapture of(String name) {
    return new LogCapture(name);
  }

  /** Every line so far, each with its level in front ({@code "ERROR ..."}). */
  public List<String> all() {
    synchronized (appender) {
      return appender.list.stream().map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
    }
  }

  /** The formatted lines so far that contain {@code text}. */
  public List<String> lines(String text) {
    synchronized (appender) {
      return appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(line -> line.contains(text)).toList();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(level);
  }
}
