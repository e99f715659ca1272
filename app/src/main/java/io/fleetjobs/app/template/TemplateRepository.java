package io.fleetjobs.app.template;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Limit;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** The queries of {@link TemplateStore}, generated in ANSI SQL as every repository's here: H2 and PostgreSQL run it. */
@JdbcRepository(dialect = Dialect.ANSI)
interface TemplateRepository extends GenericRepository<TemplateRow, String> {

  TemplateRow save(TemplateRow row);

  Optional<TemplateRow> findById(String id);

  List<TemplateRow> findAllOrderById(Limit limit);

  long count();

  /** The row, locked until the transaction ends ({@code SELECT ... FOR UPDATE}). */
  Optional<TemplateRow> findByIdForUpdate(String id);

  /** The rows deleted: 0 or 1. */
  long deleteById(String id);
}
