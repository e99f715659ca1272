package io.fleetjobs.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackgroundLoopsTest {

  private final List<String> calls = new ArrayList<>();

  private BackgroundLoop loop(String name, BackgroundLoop.Phase phase, boolean failsToStop) {
    return new BackgroundLoop() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Phase phase() {
        return phase;
      }

      @Override
      public void start() {
        calls.add("start " + name);
      }

      @Override
      public void stop() {
        calls.add("stop " + name);
        if (failsToStop) {
          throw new IllegalStateException("stuck");
        }
      }
    };
  }

  @Test
  void loopsStartInPhaseOrderOnceAndStopInReverseEvenWhenOneFailsToStop() {
    BackgroundLoops loops = new BackgroundLoops(List.of(
        loop("purger", BackgroundLoop.Phase.HOUSEKEEPING, false),
        loop("walk", BackgroundLoop.Phase.ENGINE_RESUME, true),
        loop("writer", BackgroundLoop.Phase.WRITERS, false),
        loop("sweeps", BackgroundLoop.Phase.ENGINE, false)));

    loops.onStartup(null);
    loops.onStartup(null); // a second start-up event starts nothing twice
    loops.onShutdown(null);

    assertThat(calls).containsExactly(
        "start writer", "start walk", "start sweeps", "start purger",
        "stop purger", "stop sweeps", "stop walk", "stop writer");
  }

  @Test
  void aShutdownBeforeAnyStartStopsNothing() {
    new BackgroundLoops(List.of(loop("writer", BackgroundLoop.Phase.WRITERS, false))).onShutdown(null);
    assertThat(calls).isEmpty();
  }
}
