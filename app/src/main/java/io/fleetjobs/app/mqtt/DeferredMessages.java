package io.fleetjobs.app.mqtt;

import io.fleetjobs.app.common.DaemonThreads;
import io.fleetjobs.app.common.TransientRetry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device messages whose handling met a database that does not answer (a route not cached yet, looked up while the
 * database restarts). They are handled again on a thread of their own, retried through the outage like the background
 * writers' work, and acknowledged only then: dropping them would lose a device's answer it was told was received.
 * The queue is bounded by the broker: it sends the service no more unacknowledged messages than its receive maximum.
 */
@Singleton
class DeferredMessages {

  private static final Logger LOG = LoggerFactory.getLogger(DeferredMessages.class);
  static final String WRITER = "fleet-mqtt-deferred";

  private final TransientRetry retry;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(DaemonThreads.named(WRITER));

  DeferredMessages(TransientRetry retry) {
    this.retry = retry;
  }

  /** Runs {@code handling} again until the database answers; {@code failed} gets what it then throws, if anything. */
  void retry(String topic, Runnable handling, java.util.function.Consumer<RuntimeException> failed) {
    thread.execute(() -> {
      try {
        retry.untilDone(WRITER, handling);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // stopping: left unacknowledged, the broker sends it again
      } catch (RuntimeException e) {
        failed.accept(e);
      } catch (Throwable e) {
        LOG.error("Could not handle a deferred message on {}", topic, e);
      }
    });
  }

  @PreDestroy
  void stop() {
    thread.shutdownNow();
  }
}
