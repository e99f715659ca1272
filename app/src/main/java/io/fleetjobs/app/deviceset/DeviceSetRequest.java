package io.fleetjobs.app.deviceset;

import io.fleetjobs.app.common.Ids;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Body of {@code POST /api/device-sets}. Give {@code deviceIds} for an explicit list, otherwise {@code conditions}
 * (none: every device of the template). {@code id} is optional; one is generated if absent.
 */
public record DeviceSetRequest(
    @Nullable @Schema(pattern = Ids.ID_PATTERN) String id,
    @Schema(description = Ids.NAME_200, minLength = 1, maxLength = 200, requiredMode = Schema.RequiredMode.REQUIRED) String name,
    @Nullable @Schema(description = Ids.DESCRIPTION_2000, maxLength = 2000) String description,
    @Schema(description = "the template's id", pattern = Ids.ID_PATTERN, requiredMode = Schema.RequiredMode.REQUIRED) String template,
    @Nullable List<Condition> conditions,
    @Nullable List<String> deviceIds) {}
