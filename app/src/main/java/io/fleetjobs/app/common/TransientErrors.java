package io.fleetjobs.app.common;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells a database failure that goes away by itself (the database down or restarting, no connection free in the pool,
 * a statement timed out or lost a lock race) from one about the data, which would fail again. Looks through the whole
 * cause chain: Micronaut Data and Hikari wrap the driver's exception.
 */
public final class TransientErrors {

  /**
   * SQL states worth retrying besides class 08 (connection exceptions): PostgreSQL's admin and crash shutdown, cannot
   * connect now (starting up), too many connections, statement canceled (statement_timeout, also H2's), serialization
   * failure and deadlock, lock not available; H2's lock timeout (HYT00) and broken connection (90067).
   */
  private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300", "57014", "40001", "40P01", "55P03", "HYT00", "90067");
  private static final Set<String> TIMEOUTS = Set.of("57014", "HYT00", "55P03");
  /** Cause chains are short; this only guards against a cycle. */
  private static final int MAX_DEPTH = 32;

  private TransientErrors() {}

  public static boolean isTransient(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth++ < MAX_DEPTH; t = t.getCause()) {
      if (t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof ConnectException) {
        return true;
      }
      if (t instanceof SQLException sql && anyTransientState(sql)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a statement ran out of time (a statement or lock timeout), rather than the database being out of reach. */
  public static boolean isTimeout(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth++ < MAX_DEPTH; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null && TIMEOUTS.contains(sql.getSQLState())) {
        return true;
      }
      if (t instanceof SQLTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** The innermost message, on one line and clipped: for a log line without a stack trace. */
  public static String summary(Throwable failure) {
    Throwable innermost = failure;
    int depth = 0;
    for (Throwable t = failure; t != null && depth++ < MAX_DEPTH; t = t.getCause()) {
      if (t.getMessage() != null) {
        innermost = t;
      }
    }
    String text = innermost.getClass().getSimpleName() + ": " + innermost.getMessage();
    text = text.replaceAll("\\s+", " ");
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  private static boolean anyTransientState(SQLException first) {
    int depth = 0;
    for (SQLException e = first; e != null && depth++ < MAX_DEPTH; e = e.getNextException()) {
      String state = e.getSQLState();
      if (state != null && (state.startsWith("08") || STATES.contains(state))) {
        return true;
      }
    }
    return false;
  }
}
