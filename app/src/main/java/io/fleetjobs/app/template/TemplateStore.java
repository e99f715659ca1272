package io.fleetjobs.app.template;

import io.micronaut.data.model.Limit;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** The device_template table, through {@link TemplateRepository}; the rest of the service sees {@link Template}s. */
@Singleton
class TemplateStore {

  private final TemplateRepository rows;

  TemplateStore(TemplateRepository rows) {
    this.rows = rows;
  }

  void insert(Template t) {
    rows.save(TemplateRow.of(t));
  }

  Optional<Template> find(String id) {
    return rows.findById(id).map(TemplateRow::template);
  }

  List<Template> page(long offset, int limit) {
    return rows.findAllOrderById(Limit.of(limit, offset)).stream().map(TemplateRow::template).toList();
  }

  long count() {
    return rows.count();
  }

  /** Locks the template's row until the transaction ends; false if there is none. */
  boolean lock(String id) {
    return rows.findByIdForUpdate(id).isPresent();
  }

  boolean delete(String id) {
    return rows.deleteById(id) == 1;
  }
}
