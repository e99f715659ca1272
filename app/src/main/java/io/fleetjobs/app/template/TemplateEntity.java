package io.fleetjobs.app.template;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;

@MappedEntity("device_template")
record TemplateEntity(
    @Id String id, String name, @Nullable String description, String definition, Instant createdAt, @Nullable @Version Long version) {}
