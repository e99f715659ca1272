package io.fleetjobs.app.device;

import io.fleetjobs.app.common.Ids;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * Body of {@code POST /api/devices}: register a device of a template, reached over MQTT (default) or CoAP, or as a
 * child of the gateway {@code gatewayId} (MQTT only).
 */
public record DeviceRequest(
    @Schema(pattern = Ids.ID_PATTERN, requiredMode = Schema.RequiredMode.REQUIRED) String id,
    @Nullable @Schema(description = Ids.NAME_200 + "; the id when absent", maxLength = 200) String name,
    @Schema(description = "the template's id", pattern = Ids.ID_PATTERN, requiredMode = Schema.RequiredMode.REQUIRED) String template,
    @Nullable @Schema(description = "names by the pattern " + Ids.KEY_PATTERN + "; values of at most 256 characters, " + io.fleetjobs.app.common.Text.RULE)
        Map<String, String> attributes,
    @Nullable @Schema(defaultValue = "MQTT") Transport transport,
    @Nullable @Schema(pattern = Ids.ID_PATTERN) String gatewayId) {

  public DeviceRequest(String id, String name, String template, Map<String, String> attributes, Transport transport) {
    this(id, name, template, attributes, transport, null);
  }
}
