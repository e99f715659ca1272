package io.fleetjobs.app.api;

import io.fleetjobs.app.device.DeviceView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Documentation only: the JSON answer of {@code POST /api/devices/bulk}, which the controller builds as a map (its
 * Java type says nothing the OpenAPI document could use).
 */
@Schema(name = "RegisteredDevices", description = "A fleet registered at once: how many, and each device with its secret, "
    + "shown this once.")
public record RegisteredDevicesDoc(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int registered,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<DeviceView> devices) {}
