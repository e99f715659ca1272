package io.fleetjobs.sim.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What the soak reads of the service from outside: its heap after full GCs ({@link HeapProbe}), its open files (the
 * entries of {@code /proc/<pid>/fd}), its threads ({@code Threads:} of {@code /proc/<pid>/status}, else the
 * service's own {@code jvm_threads_live_threads}) and the size of its H2 database file. A figure it cannot read is -1.
 */
final class ServiceProbe implements AutoCloseable {

  /** One reading; -1 where the figure could not be read. */
  record Sample(long seconds, long heapBytes, long openFiles, long threads, long databaseBytes) {}

  private final long pid;
  private final Path database;
  private final Rest rest;
  private final HeapProbe heap;
  private final long started = System.nanoTime();

  /**
   * @param pid the service's process id, or -1 (then no heap and no open files)
   * @param database the H2 database file, or null (PostgreSQL, or a service not launched here)
   */
  ServiceProbe(long pid, Path database, Rest rest) {
    this.pid = pid;
    this.database = database;
    this.rest = rest;
    HeapProbe probe = null;
    if (pid > 0) {
      try {
        probe = new HeapProbe(pid);
      } catch (Exception | LinkageError e) {
        probe = null; // no Attach API (a JRE) or not allowed: the heap is left out
      }
    }
    this.heap = probe;
  }

  boolean readsHeap() {
    return heap != null;
  }

  Sample read() {
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    return new Sample(seconds, heap == null ? -1 : heap.usedAfterGc(), openFiles(), threads(), databaseBytes());
  }

  private long openFiles() {
    if (pid <= 0) {
      return -1;
    }
    try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
      return fds.count();
    } catch (IOException | UncheckedIOException | SecurityException e) {
      return -1;
    }
  }

  private long threads() {
    if (pid > 0) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
          if (line.startsWith("Threads:")) {
            return Long.parseLong(line.substring("Threads:".length()).trim());
          }
        }
      } catch (IOException | NumberFormatException e) {
        // not Linux, or the process is gone: ask the service
      }
    }
    double live = Prometheus.read(rest).total("jvm_threads_live_threads");
    return live > 0 ? Math.round(live) : -1;
  }

  private long databaseBytes() {
    try {
      return database != null && Files.isRegularFile(database) ? Files.size(database) : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public void close() throws Exception {
    if (heap != null) {
      heap.close();
    }
  }
}
