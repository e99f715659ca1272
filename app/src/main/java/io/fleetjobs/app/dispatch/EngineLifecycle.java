package io.fleetjobs.app.dispatch;

import io.fleetjobs.app.job.ExecutionStore;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the engine's threads with the application and stops them with it. After a restart, executions that were
 * in flight are sent again: devices recognise the executionId and answer without redoing the work.
 */
@Singleton
class EngineLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(EngineLifecycle.class);

  private final Dispatcher dispatcher;
  private final UpdateWriter writer;
  private final ExecutionStore executions;

  EngineLifecycle(Dispatcher dispatcher, UpdateWriter writer, ExecutionStore executions) {
    this.dispatcher = dispatcher;
    this.writer = writer;
    this.executions = executions;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    int resent = executions.resetInFlight();
    if (resent > 0) {
      LOG.info("Resuming: {} executions that were in flight will be sent again", resent);
    }
    writer.start();
    dispatcher.start();
  }

  @EventListener
  void onShutdown(ShutdownEvent event) {
    dispatcher.stop();
    writer.stop();
  }
}
