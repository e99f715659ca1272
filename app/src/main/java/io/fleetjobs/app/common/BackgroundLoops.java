package io.fleetjobs.app.common;

import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one lifecycle of every {@link BackgroundLoop}: started after start-up in phase order, stopped in reverse. */
@Singleton
public class BackgroundLoops {

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundLoops.class);

  private final List<BackgroundLoop> loops;
  private final List<BackgroundLoop> started = new ArrayList<>();

  BackgroundLoops(List<BackgroundLoop> loops) {
    this.loops = loops.stream().sorted(Comparator.comparing(BackgroundLoop::phase).thenComparing(BackgroundLoop::name)).toList();
  }

  @EventListener
  synchronized void onStartup(StartupEvent event) {
    for (BackgroundLoop loop : loops) {
      if (!started.contains(loop)) {
        loop.start();
        started.add(loop);
      }
    }
    LOG.debug("Background loops started: {}", started.stream().map(BackgroundLoop::name).toList());
  }

  @EventListener
  synchronized void onShutdown(ShutdownEvent event) {
    for (int i = started.size() - 1; i >= 0; i--) {
      BackgroundLoop loop = started.get(i);
      try {
        loop.stop();
      } catch (RuntimeException e) {
        LOG.warn("Background loop {} did not stop cleanly", loop.name(), e); // the others still stop
      }
    }
    started.clear();
  }

  /** The loops in start order (for tests and the README's list). */
  public List<String> names() {
    return loops.stream().map(l -> l.phase() + " " + l.name()).toList();
  }
}
