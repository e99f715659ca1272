package io.fleetjobs.app.support;

import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** Base of {@code @MicronautTest} component tests: real H2, real broker, no simulated devices. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ComponentTest implements TestPropertyProvider {

  @Override
  public Map<String, String> getProperties() {
    return TestConfig.properties();
  }
}
