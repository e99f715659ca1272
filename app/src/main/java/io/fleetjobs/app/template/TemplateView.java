package io.fleetjobs.app.template;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/** A template as the REST API shows it. */
public record TemplateView(
    String id,
    String name,
    @Nullable String description,
    List<TemplateDefinition.Property> properties,
    List<TemplateDefinition.Setting> settings,
    List<TemplateDefinition.Command> commands,
    Instant createdAt) {

  static TemplateView of(Template t) {
    var d = t.definition();
    return new TemplateView(t.id(), t.name(), t.description(), d.properties(), d.settings(), d.commands(), t.createdAt());
  }
}
