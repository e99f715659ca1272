package io.fleetjobs.app.template;

import io.fleetjobs.app.common.Sql;
import io.fleetjobs.app.support.TestConfig;
import io.fleetjobs.app.support.TestPostgres;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link TemplateStoreContract} on PostgreSQL: the repository's generated SQL runs there as on H2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplateStorePostgresIT implements TemplateStoreContract {

  @RegisterExtension
  static final TestPostgres POSTGRES = new TestPostgres();

  private ApplicationContext context;

  @BeforeAll
  void start() {
    Map<String, Object> properties = new HashMap<>(TestConfig.properties());
    properties.putAll(POSTGRES.datasource(POSTGRES.createDatabase()));
    context = ApplicationContext.run(properties);
  }

  @AfterAll
  void stop() {
    if (context != null) {
      context.close();
    }
  }

  @Override
  public TemplateStore store() {
    return context.getBean(TemplateStore.class);
  }

  @Override
  public Sql sql() {
    return context.getBean(Sql.class);
  }
}
