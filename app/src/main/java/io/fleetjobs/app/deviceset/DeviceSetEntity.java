package io.fleetjobs.app.deviceset;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;

@MappedEntity("device_set")
record DeviceSetEntity(
    @Id String id,
    String name,
    @Nullable String description,
    String templateId,
    String kind,
    String conditions,
    Instant createdAt,
    @Nullable @Version Long version) {}
