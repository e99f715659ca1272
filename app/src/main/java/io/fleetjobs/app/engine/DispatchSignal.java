package io.fleetjobs.app.engine;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Tells the dispatch walk that something may be sendable now (a job started, more executions stored, answers freed
 * the in-flight window). Its own bean so that those who free the window need not depend on the walk.
 */
@Singleton
class DispatchSignal {

  private final Semaphore wake = new Semaphore(0);

  void wakeUp() {
    wake.release();
  }

  /** Waits until woken or {@code timeout} passed, then forgets the wake-ups that piled up meanwhile. */
  void await(Duration timeout) throws InterruptedException {
    wake.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    wake.drainPermits();
  }
}
