package io.fleetjobs.app.support;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Without mosquitto, its tests are skipped on a developer's machine and fail on CI. */
class MosquittoBrokerTest {

  private static final Path MISSING = Path.of("target", "no-such-mosquitto");

  @Test
  void withoutMosquittoTheTestsAreSkippedOffCi() {
    assertThatThrownBy(() -> new MosquittoBroker(MISSING, false).beforeAll(null)).isInstanceOf(TestAbortedException.class);
  }

  @Test
  void withoutMosquittoTheTestsFailOnCi() {
    assertThatThrownBy(() -> new MosquittoBroker(MISSING, true).beforeAll(null))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("CI");
  }
}
