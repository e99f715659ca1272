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

  private LogCapture(Class<?> type) {
    logger = (Logger) LoggerFactory.getLogger(type);
    level = logger.getLevel();
    logger.setLevel(Level.WARN);
    appender.start();
    logger.addAppender(appender);
  }

  public static LogCapture of(Class<?> type) {
    return new LogCapture(type);
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
