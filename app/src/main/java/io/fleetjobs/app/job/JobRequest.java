package io.fleetjobs.app.job;

import io.fleetjobs.app.common.Ids;
import io.fleetjobs.app.template.OperationInput;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Body of {@code POST /api/jobs}.
 *
 * @param deviceIds optional subset of the device set's devices; all of them when absent
 * @param operations 1 to 30 operations, checked against the set's template
 * @param deliveryTimeoutSeconds how long offline devices may take to come online (default {@code fleet.jobs.delivery-timeout})
 * @param executionTimeoutSeconds how long a device may take to answer once sent (default {@code fleet.jobs.execution-timeout})
 * @param run run the job at once instead of leaving it Pending (refused, and nothing stored, if the set has no device)
 */
public record JobRequest(
    @Schema(description = Ids.NAME_200, minLength = 1, maxLength = 200, requiredMode = Schema.RequiredMode.REQUIRED) String name,
    @Nullable @Schema(description = Ids.DESCRIPTION_2000, maxLength = 2000) String description,
    @Schema(pattern = Ids.ID_PATTERN, requiredMode = Schema.RequiredMode.REQUIRED) String deviceSetId,
    @Nullable @ArraySchema(minItems = 1, uniqueItems = true) List<String> deviceIds,
    @ArraySchema(minItems = 1, maxItems = 30, arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED)) List<OperationInput> operations,
    @Nullable @Schema(minimum = "1", maximum = "2592000") Long deliveryTimeoutSeconds,
    @Nullable @Schema(minimum = "1", maximum = "2592000") Long executionTimeoutSeconds,
    @Nullable @Schema(defaultValue = "false") Boolean run) {}
