package io.fleetjobs.app.device;

import java.time.Instant;
import java.util.Map;

/** A device in a listing of other things (a set's preview): who it is and whether it is reachable. */
public record DeviceSummary(String id, String name, Map<String, String> attributes, String presence, Instant lastSeenAt) {

  public static DeviceSummary of(Device d) {
    return new DeviceSummary(d.id(), d.name(), d.attributes(), d.online() ? "ONLINE" : "OFFLINE", d.lastSeenAt());
  }
}
