package io.fleetjobs.app.deviceset;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A device set: the devices of a template that match all {@code conditions} (FILTER), or an explicit list of devices
 * (LIST). A set is broken when its template is gone or a condition names an unknown field; {@code brokenReason} says
 * why, and jobs refuse it.
 */
public record DeviceSet(
    String id,
    String name,
    String description,
    String templateId,
    Kind kind,
    List<Condition> conditions,
    Instant createdAt,
    Optional<String> brokenReason) {

  public enum Kind {
    FILTER,
    LIST
  }

  public boolean isBroken() {
    return brokenReason.isPresent();
  }
}
