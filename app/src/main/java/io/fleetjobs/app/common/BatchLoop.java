package io.fleetjobs.app.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A queue written in batches by one thread: whatever queued up while the previous batch was being written goes into
 * the next one. A batch that fails transiently (the database down or restarting, no free connection, a statement
 * timeout) is retried whole through {@link TransientRetry} for as long as that lasts: nothing is lost, and callers
 * that acknowledge only after writing hold back their sources. If the database works but a batch still fails, an
 * item in it is poison: the batch is written item by item (each again retried through outages) and only items that
 * fail alone are dropped, so one bad item never stalls the others.
 */
public final class BatchLoop<T> {

  private static final Logger LOG = LoggerFactory.getLogger(BatchLoop.class);

  /** Writes one batch, all or nothing. */
  @FunctionalInterface
  public interface Writer<T> {
    void write(List<T> batch);
  }

  private final String name;
  private final int batchSize;
  private final Writer<T> writer;
  private final Consumer<T> dropped;
  private final TransientRetry retry;
  private final BlockingQueue<T> queue = new LinkedBlockingQueue<>();
  private volatile boolean running;
  private Thread thread;

  public BatchLoop(String name, int batchSize, Writer<T> writer, Consumer<T> dropped, TransientRetry retry) {
    this.name = name;
    this.batchSize = batchSize;
    this.writer = writer;
    this.dropped = dropped;
    this.retry = retry;
    retry.register(name);
  }

  public void submit(T item) {
    queue.add(item);
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Stops after writing what is queued; a writer still retrying against an unreachable database after 10 s is
   * interrupted (what it held was not acknowledged, so its sources send it again).
   */
  public synchronized void stop() {
    running = false;
    if (thread != null) {
      try {
        thread.join(10_000);
        if (thread.isAlive()) {
          thread.interrupt();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop() {
    List<T> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        T first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, batchSize - 1);
        writeUntilDone(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void writeUntilDone(List<T> batch) throws InterruptedException {
    try {
      retry.untilDone(name, () -> writer.write(batch));
    } catch (RuntimeException e) {
      LOG.error("{}: a batch of {} failed with the database up; writing its items one by one", name, batch.size(), e);
      writeEachDroppingPoison(batch);
    }
  }

  private void writeEachDroppingPoison(List<T> batch) throws InterruptedException {
    for (T item : batch) {
      try {
        retry.untilDone(name, () -> writer.write(List.of(item)));
      } catch (RuntimeException e) {
        LOG.error("{}: dropped an item that cannot be written: {}", name, item, e);
        dropped.accept(item);
      }
    }
  }
}
