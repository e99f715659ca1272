package io.fleetjobs.app.device;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/** A device as the rest of the service sees it. */
public record Device(
    String id,
    String name,
    String templateId,
    Map<String, String> attributes,
    Map<String, JsonNode> reported,
    boolean online,
    Instant lastSeenAt,
    Instant createdAt,
    Instant deletedAt,
    Transport transport,
    String gatewayId) {

  public Route route() {
    return Route.of(transport, gatewayId);
  }

  public boolean isDeleted() {
    return deletedAt != null;
  }
}
