package io.fleetjobs.app.common;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Inject;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an H2 file database's file from growing without bound. H2 writes every commit as a new chunk of its file;
 * a chunk is freed only when none of its pages is live any more, and rewriting the few live pages of sparse chunks
 * is left to a background thread that H2 runs only while commits are written late ({@code WRITE_DELAY} above 0). The
 * service writes them at once ({@code WRITE_DELAY=0}: a crash must not lose what was acknowledged), so it does the
 * rewriting itself, every {@code fleet.database.h2-housekeeping}, on a thread of its own; H2 frees the rewritten
 * chunks once its retention time (45 s) has passed and writes new ones into them.
 */
@Singleton
class H2Housekeeping implements BackgroundLoop {

  private static final Logger LOG = LoggerFactory.getLogger(H2Housekeeping.class);
  /** Chunks less full than this are rewritten (H2's own background thread uses 90). */
  static final int FILL_RATE = 90;
  /** Most bytes rewritten per round: bounds the time one round holds H2's store lock. */
  static final int REWRITE_BYTES = 16 << 20;

  /** Lends a connection for one piece of work: the pool's, through Micronaut Data outside any transaction. */
  interface Connections {
    <T> T with(Work<T> work) throws SQLException;
  }

  interface Work<T> {
    T on(Connection connection) throws SQLException;
  }

  private final Connections connections;
  private final Duration interval;
  private final ThrottledLog failures = new ThrottledLog(LOG, java.time.Clock.systemUTC(), Duration.ofMinutes(10), 10);
  private ScheduledExecutorService thread;

  @Inject
  H2Housekeeping(JdbcOperations jdbc, DatabaseConfig config) {
    this(new Connections() {
      @Override
      public <T> T with(Work<T> work) {
        return jdbc.execute(work::on);
      }
    }, config.h2Housekeeping());
  }

  H2Housekeeping(Connections connections, Duration interval) {
    this.connections = connections;
    this.interval = interval;
  }

  @Override
  public String name() {
    return "fleet-h2-housekeeping";
  }

  @Override
  public Phase phase() {
    return Phase.HOUSEKEEPING;
  }

  @Override
  public void start() {
    if (interval.isZero() || !onH2File()) {
      return;
    }
    thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("fleet-h2-housekeeping"));
    thread.scheduleWithFixedDelay(this::round, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("H2 housekeeping every {}: sparse chunks of the database file rewritten so that their space is reused", interval);
  }

  @Override
  public void stop() {
    if (thread != null) {
      thread.shutdownNow();
    }
  }

  /** One round: the sparse chunks' live pages rewritten; true if any was. */
  boolean round() {
    try {
      return connections.with(connection -> {
        MVStore store = storeOf(connection);
        return store != null && store.getFileStore() != null && store.compact(FILL_RATE, REWRITE_BYTES);
      });
    } catch (SQLException | RuntimeException e) {
      failures.warn("h2", "H2 housekeeping failed ({}); tried again in {}", TransientErrors.summary(e), interval);
      return false;
    }
  }

  private boolean onH2File() {
    try {
      return connections.with(connection -> {
        MVStore store = storeOf(connection);
        return store != null && store.getFileStore() != null && !store.getFileStore().isReadOnly();
      });
    } catch (SQLException | RuntimeException e) {
      LOG.warn("Could not tell whether the database is an H2 file ({}); no H2 housekeeping", TransientErrors.summary(e));
      return false;
    }
  }

  private static MVStore storeOf(Connection connection) throws SQLException {
    if (!connection.isWrapperFor(JdbcConnection.class)) {
      return null; // PostgreSQL, which reclaims space by itself (autovacuum)
    }
    if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
      return null; // a server connection: the server's process keeps its own file
    }
    var database = session.getDatabase().getStore();
    return database == null ? null : database.getMvStore();
  }
}
