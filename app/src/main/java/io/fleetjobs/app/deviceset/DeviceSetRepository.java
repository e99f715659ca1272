package io.fleetjobs.app.deviceset;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Limit;
import io.micronaut.data.model.Sort;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** The queries of {@link DeviceSetStore}, generated in ANSI SQL as every repository's here: H2 and PostgreSQL run it. */
@JdbcRepository(dialect = Dialect.ANSI)
interface DeviceSetRepository extends GenericRepository<DeviceSetStore.Row, String> {

  DeviceSetStore.Row save(DeviceSetStore.Row row);

  Optional<DeviceSetStore.Row> findById(String id);

  List<DeviceSetStore.Row> findAll(Sort sort, Limit limit);

  List<DeviceSetStore.SetName> findByTemplateId(String templateId, Sort sort);

  long count();

  /** The rows deleted: 0 or 1. */
  long deleteById(String id);
}
