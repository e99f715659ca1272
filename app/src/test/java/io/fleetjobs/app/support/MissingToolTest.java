package io.fleetjobs.app.support;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing tool skips a test on a developer's machine and fails it on CI, with what is missing in the message. */
class MissingToolTest {

  @Test
  void offCiTheTestIsSkipped() {
    assertThatThrownBy(() -> MissingTool.skipOrFail("/usr/bin/x is missing", false))
        .isInstanceOf(TestAbortedException.class).hasMessageContaining("/usr/bin/x is missing");
  }

  @Test
  void onCiTheTestFails() {
    assertThatThrownBy(() -> MissingTool.skipOrFail("/usr/bin/x is missing", true))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("/usr/bin/x is missing").hasMessageContaining("CI=true");
  }
}
