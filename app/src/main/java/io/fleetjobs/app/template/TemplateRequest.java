package io.fleetjobs.app.template;

import java.util.List;

/** Body of {@code POST /api/templates}. */
public record TemplateRequest(
    String id,
    String name,
    String description,
    List<TemplateDefinition.Property> properties,
    List<TemplateDefinition.Setting> settings,
    List<TemplateDefinition.Command> commands) {}
