package io.fleetjobs.app.device;

import io.swagger.v3.oas.annotations.media.Schema;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Map;

/** A device in a listing of other things (a set's preview): who it is and whether it is reachable. */
public record DeviceSummary(String id, String name, Map<String, String> attributes, @Schema(allowableValues = {"ONLINE", "OFFLINE"}) String presence,
    @Nullable Instant lastSeenAt) {

  public static DeviceSummary of(Device d) {
    return new DeviceSummary(d.id(), d.name(), d.attributes(), d.online() ? "ONLINE" : "OFFLINE", d.lastSeenAt());
  }
}
