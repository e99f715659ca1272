package io.fleetjobs.app.support;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when something it needs beyond Maven is missing (a Debian package, a server {@code .ci/run}
 * prepares): skipped on a developer's machine, failed on CI ({@code CI=true}), so a green CI always means it ran.
 * The one place that reads {@code CI}.
 */
public final class MissingTool {

  private MissingTool() {
  }

  /** Whether this run is CI's: {@code CI=true} (any case). */
  public static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Skips the calling test or class, or fails it on CI; {@code missing} says what is missing and how to get it. */
  public static void skipOrFail(String missing) {
    skipOrFail(missing, onCi());
  }

  /** As {@link #skipOrFail(String)}, with CI or not given: for the tests of the rule itself. */
  public static void skipOrFail(String missing, boolean onCi) {
    if (onCi) {
      throw new IllegalStateException(missing + "; on CI (CI=true) this test must run, not be skipped");
    }
    Assumptions.abort(missing);
  }
}
