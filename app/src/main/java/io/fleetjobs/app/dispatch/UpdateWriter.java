package io.fleetjobs.app.dispatch;

import io.fleetjobs.app.common.Sql;
import io.fleetjobs.app.job.ExecutionChange;
import io.fleetjobs.app.job.ExecutionEvent;
import io.fleetjobs.app.job.ExecutionLedger;
import io.fleetjobs.app.job.ExecutionStatus;
import io.fleetjobs.app.job.JobsConfig;
import io.fleetjobs.app.job.Outcome;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes device updates in batches on one thread: whatever queued up while the previous batch was being written
 * goes into the next transaction. Each update's callback runs after its batch committed; the MQTT adapter
 * acknowledges the message only then, so an update is never lost between the broker and the database. The queue is
 * bounded by the broker's receive maximum: unacknowledged messages are all there can be.
 */
@Singleton
public class UpdateWriter {

  private static final Logger LOG = LoggerFactory.getLogger(UpdateWriter.class);

  private record Pending(ExecutionEvent.DeviceReported event, Consumer<Outcome> done) {}

  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final ExecutionLedger ledger;
  private final InFlight inFlight;
  private final EngineMetrics metrics;
  private final Dispatcher dispatcher;
  private final JobsConfig config;
  private final Sql sql;
  private volatile boolean running;
  private Thread thread;

  UpdateWriter(ExecutionLedger ledger, InFlight inFlight, EngineMetrics metrics, Dispatcher dispatcher, JobsConfig config, Sql sql) {
    this.sql = sql;
    this.ledger = ledger;
    this.inFlight = inFlight;
    this.metrics = metrics;
    this.dispatcher = dispatcher;
    this.config = config;
  }

  /** Queues an update; {@code done} learns what recording it did, once it is committed. */
  public void submit(ExecutionEvent.DeviceReported event, Consumer<Outcome> done) {
    queue.add(new Pending(event, done));
  }

  synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::loop, "fleet-update-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops after writing what is queued. */
  synchronized void stop() {
    running = false;
    if (thread != null) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop() {
    List<Pending> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, config.writeBatchSize() - 1);
        writeUntilDone(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  /**
   * Writes a batch whatever happens. While the database is unreachable the batch is retried with a backoff of up to
   * 10 s; its messages stay unacknowledged, so the broker holds back more and nothing is lost. If the database works
   * but the batch still fails, some update in it is poison: the batch is written one update at a time and only the
   * updates that fail on their own are dropped (logged, acknowledged), so one bad message never stalls the engine.
   */
  private void writeUntilDone(List<Pending> batch) throws InterruptedException {
    long backoff = 100;
    while (true) {
      try {
        write(batch);
        return;
      } catch (RuntimeException e) {
        if (sql.isReachable()) {
          LOG.error("Writing {} device updates failed with the database up; writing them one by one", batch.size(), e);
          writeEachDroppingPoison(batch);
          return;
        }
        LOG.error("Database unreachable; retrying {} device updates in {} ms", batch.size(), backoff);
        Thread.sleep(backoff);
        backoff = Math.min(10_000, backoff * 2);
      }
    }
  }

  private void writeEachDroppingPoison(List<Pending> batch) {
    for (Pending one : batch) {
      try {
        write(List.of(one));
      } catch (RuntimeException e) {
        LOG.error("Dropped a device update that cannot be recorded: {}", one.event(), e);
        one.done().accept(Outcome.IGNORED);
      }
    }
  }

  private void write(List<Pending> batch) {
    ExecutionLedger.Result result = ledger.record(batch.stream().map(Pending::event).toList());
    for (ExecutionChange change : result.finished()) {
      metrics.latency(inFlight.finished(change.id()));
      if (change.status() == ExecutionStatus.COMPLETED) {
        metrics.completed();
      } else if (change.status() == ExecutionStatus.FAILED) {
        metrics.failed();
      }
    }
    for (int i = 0; i < batch.size(); i++) {
      try {
        batch.get(i).done().accept(result.outcomes().get(i));
      } catch (RuntimeException e) {
        LOG.warn("Update callback failed", e);
      }
    }
    if (!result.finished().isEmpty()) {
      dispatcher.wakeUp();
    }
  }
}
