package io.fleetjobs.app.template;

import java.time.Instant;

/** A device template as the rest of the service sees it. */
public record Template(String id, String name, String description, TemplateDefinition definition, Instant createdAt) {}
