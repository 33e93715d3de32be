package dev.vigil.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The events one logger writes while open, at INFO and above (the tests' root level is WARN):
 * {@code try (LogLines lines = LogLines.of(name)) { ...; lines.events() }}. Closing detaches it and
 * restores the logger's level.
 */
public final class LogLines implements AutoCloseable {
  private final Logger logger;
  private final Level level;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogLines(String name) {
    this.logger = (Logger) LoggerFactory.getLogger(name);
    this.level = logger.getLevel();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.INFO);
  }

  public static LogLines of(String loggerName) {
    return new LogLines(loggerName);
  }

  /** What was logged so far (a live list: poll it with Awaitility for asynchronous writers). */
  public List<ILoggingEvent> events() {
    return appender.list;
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(level);
  }
}
