package io.fleetjobs.app.job;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Which jobs just changed, as a hot stream for live views (server-sent events). Fed by the engine's events after
 * each commit; a slow subscriber misses ticks rather than slowing the engine, and re-reads the job anyway.
 */
@Singleton
public class JobFeed {

  private final Sinks.Many<String> changes = Sinks.many().multicast().directBestEffort();

  public Flux<String> changes() {
    return changes.asFlux();
  }

  /** Every change of a job, whatever made it: the one event type live views listen to. */
  @EventListener
  void onChange(JobEvents.Changed event) {
    event.jobs().forEach(changes::tryEmitNext);
  }
}
