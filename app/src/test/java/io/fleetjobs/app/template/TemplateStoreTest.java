package io.fleetjobs.app.template;

import io.fleetjobs.app.common.Sql;
import io.fleetjobs.app.support.ComponentTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

/** {@link TemplateStoreContract} on H2. */
@MicronautTest(transactional = false)
class TemplateStoreTest extends ComponentTest implements TemplateStoreContract {

  @Inject
  TemplateStore store;

  @Inject
  Sql sql;

  @Override
  public TemplateStore store() {
    return store;
  }

  @Override
  public Sql sql() {
    return sql;
  }
}
