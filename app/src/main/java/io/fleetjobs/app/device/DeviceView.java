package io.fleetjobs.app.device;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/** A device as the REST API shows it. */
public record DeviceView(
    String id,
    String name,
    String template,
    Map<String, String> attributes,
    Map<String, JsonNode> reportedProperties,
    String presence,
    Instant lastSeenAt,
    Instant createdAt,
    boolean deleted,
    Transport transport,
    String gatewayId) {

  static DeviceView of(Device d) {
    return new DeviceView(
        d.id(), d.name(), d.templateId(), d.attributes(), d.reported(), d.online() ? "ONLINE" : "OFFLINE", d.lastSeenAt(), d.createdAt(), d.isDeleted(), d.transport(),
        d.gatewayId());
  }
}
