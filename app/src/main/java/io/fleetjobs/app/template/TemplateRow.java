package io.fleetjobs.app.template;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.Version;
import java.time.Instant;

/**
 * A row of {@code device_template}. Templates are never updated, so {@code version} stays at the 0 it is written
 * with; it is here because the column is not null.
 */
@MappedEntity(value = "device_template", escape = false)
record TemplateRow(
    @Id String id,
    String name,
    @Nullable String description,
    @MappedProperty(converter = DefinitionColumn.class) TemplateDefinition definition,
    Instant createdAt,
    @Version Long version) {

  static TemplateRow of(Template t) {
    return new TemplateRow(t.id(), t.name(), t.description(), t.definition(), t.createdAt(), null);
  }

  Template template() {
    return new Template(id, name, description, definition, createdAt);
  }
}
