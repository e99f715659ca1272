package io.fleetjobs.app.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/** The engine's Prometheus metrics: executions dispatched, completed, failed, and dispatch-to-result latency. */
@Singleton
public class EngineMetrics {

  private final Counter dispatched;
  private final Counter completed;
  private final Counter failed;
  private final Counter canceled;
  private final Timer latency;

  EngineMetrics(MeterRegistry registry, InFlight inFlight) {
    dispatched = Counter.builder("fleet.executions.dispatched").description("Executions sent to devices").register(registry);
    completed = Counter.builder("fleet.executions.completed").description("Executions completed by devices").register(registry);
    failed = Counter.builder("fleet.executions.failed").description("Executions failed (device error, rejected, timed out, never delivered)").register(registry);
    canceled = Counter.builder("fleet.executions.canceled").description("Executions canceled by a stop").register(registry);
    latency = Timer.builder("fleet.executions.latency").description("From sending an execution to recording its final status")
        .publishPercentiles(0.5, 0.99).register(registry);
    registry.gauge("fleet.executions.in.flight", inFlight, InFlight::size);
  }

  void dispatched(int n) {
    dispatched.increment(n);
  }

  void completed() {
    completed.increment();
  }

  void failed() {
    failed.increment();
  }

  void canceled(int n) {
    canceled.increment(n);
  }

  void latency(long nanos) {
    if (nanos >= 0) {
      latency.record(nanos, TimeUnit.NANOSECONDS);
    }
  }
}
