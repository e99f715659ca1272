package io.fleetjobs.app.deviceset;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.Version;
import io.micronaut.data.model.Limit;
import io.micronaut.data.model.Sort;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The device_set table, through {@link DeviceSetRepository}. */
@Singleton
class DeviceSetStore {

  /**
   * A stored row, before its health is judged. Sets are never updated, so {@code version} stays at the 0 it is
   * written with; it is here because the column is not null.
   */
  @MappedEntity(value = "device_set", escape = false, alias = "device_set_")
  record Row(
      @Id String id,
      String name,
      @Nullable String description,
      String templateId,
      String kind,
      @MappedProperty(converter = ConditionsColumn.class) List<Condition> conditions,
      Instant createdAt,
      @Version Long version) {

    @Creator
    Row {}

    /** A row to insert. */
    Row(String id, String name, String description, String templateId, String kind, List<Condition> conditions, Instant createdAt) {
      this(id, name, description, templateId, kind, conditions, createdAt, null);
    }
  }

  /** What names a set in a message: its name and id. */
  @Introspected
  record SetName(String id, String name) {}

  /** Listings in name order, the id breaking ties so that pages do not overlap. */
  private static final Sort BY_NAME = Sort.of(Sort.Order.asc("name"), Sort.Order.asc("id"));

  private final DeviceSetRepository rows;

  DeviceSetStore(DeviceSetRepository rows) {
    this.rows = rows;
  }

  void insert(Row r) {
    rows.save(r);
  }

  Optional<Row> find(String id) {
    return rows.findById(id);
  }

  List<Row> page(long offset, int limit) {
    return rows.findAll(BY_NAME, Limit.of(limit, offset));
  }

  /** The sets over a template, as {@code 'name' (id)}, in name order. */
  List<String> over(String templateId) {
    return rows.findByTemplateId(templateId, BY_NAME).stream().map(s -> "'" + s.name() + "' (" + s.id() + ")").toList();
  }

  long count() {
    return rows.count();
  }

  boolean delete(String id) {
    return rows.deleteById(id) == 1;
  }
}
