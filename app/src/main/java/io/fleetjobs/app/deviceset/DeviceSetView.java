package io.fleetjobs.app.deviceset;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/** A device set as the REST API shows it; {@code broken} sets carry their {@code brokenReason}. */
public record DeviceSetView(
    String id,
    String name,
    @Nullable String description,
    String template,
    DeviceSet.Kind kind,
    List<Condition> conditions,
    Instant createdAt,
    boolean broken,
    @Nullable String brokenReason) {

  static DeviceSetView of(DeviceSet s) {
    return new DeviceSetView(
        s.id(), s.name(), s.description(), s.templateId(), s.kind(), s.conditions(), s.createdAt(), s.isBroken(), s.brokenReason().orElse(null));
  }
}
