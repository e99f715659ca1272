package io.fleetjobs.app.device;

import io.swagger.v3.oas.annotations.media.Schema;
import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * A device as the REST API shows it. {@code credential} is set only in the answer that registered the device: its
 * secret, shown that once (children of a gateway have none: they speak through their gateway's connection).
 */
public record DeviceView(
    String id,
    String name,
    String template,
    Map<String, String> attributes,
    Map<String, JsonNode> reportedProperties,
    @Schema(allowableValues = {"ONLINE", "OFFLINE"}) String presence,
    @Nullable Instant lastSeenAt,
    Instant createdAt,
    boolean deleted,
    Transport transport,
    @Nullable String gatewayId,
    @Nullable Secret credential) {

  /** A device's own secret, in the one answer that issues it. */
  public record Secret(String secret, Instant issuedAt) {}

  public static DeviceView of(Device d) {
    return new DeviceView(
        d.id(), d.name(), d.templateId(), d.attributes(), d.reported(), d.online() ? "ONLINE" : "OFFLINE", d.lastSeenAt(), d.createdAt(), d.isDeleted(), d.transport(),
        d.gatewayId(), null);
  }

  public DeviceView withCredential(String secret, Instant issuedAt) {
    return new DeviceView(id, name, template, attributes, reportedProperties, presence, lastSeenAt, createdAt, deleted, transport, gatewayId,
        new Secret(secret, issuedAt));
  }
}
