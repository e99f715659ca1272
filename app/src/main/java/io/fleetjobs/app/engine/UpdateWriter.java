package io.fleetjobs.app.engine;

import io.fleetjobs.app.common.BackgroundLoop;
import io.fleetjobs.app.common.BatchLoop;
import io.fleetjobs.app.common.TransientRetry;
import io.fleetjobs.app.job.JobsConfig;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes device updates in batches (a {@link BatchLoop}). Each update's callback runs after its batch committed; the
 * MQTT adapter acknowledges the message only then, so an update is never lost between the broker and the database,
 * and the queue is bounded by the broker's receive maximum. Through a database outage the batch is retried whole;
 * writing it again is safe, since a device's update whose version was recorded already counts as a duplicate.
 */
@Singleton
public class UpdateWriter implements BackgroundLoop {

  private static final Logger LOG = LoggerFactory.getLogger(UpdateWriter.class);

  private record Pending(ExecutionEvent.DeviceReported event, Consumer<Outcome> done) {}

  private final ExecutionRecorder recorder;
  private final BatchLoop<Pending> loop;

  UpdateWriter(ExecutionRecorder recorder, JobsConfig config, TransientRetry retry) {
    this.recorder = recorder;
    this.loop = new BatchLoop<>("fleet-update-writer", config.writeBatchSize(), this::write, p -> p.done().accept(Outcome.IGNORED), retry);
  }

  /** Queues an update; {@code done} learns what recording it did, once it is committed. */
  public void submit(ExecutionEvent.DeviceReported event, Consumer<Outcome> done) {
    loop.submit(new Pending(event, done));
  }

  @Override
  public String name() {
    return "fleet-update-writer";
  }

  @Override
  public Phase phase() {
    return Phase.WRITERS;
  }

  @Override
  public void start() {
    loop.start();
  }

  /** Stops after writing what is queued. */
  @Override
  public void stop() {
    loop.stop();
  }

  private void write(List<Pending> batch) {
    ExecutionLedger.Result result = recorder.answers(batch.stream().map(Pending::event).toList());
    for (int i = 0; i < batch.size(); i++) {
      try {
        batch.get(i).done().accept(result.outcomes().get(i));
      } catch (RuntimeException e) {
        LOG.warn("Update callback failed", e);
      }
    }
  }
}
