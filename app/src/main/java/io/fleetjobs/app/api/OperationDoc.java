package io.fleetjobs.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.contract.message.OperationType;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * Documentation only: how a job's {@code io.fleetjobs.contract.message.Operation} is answered (openapi.properties
 * maps it here, the contract module having no OpenAPI annotations).
 */
@Schema(name = "JobOperation", description = "One step of a job: PROPERTY and SETTING carry `value`, COMMAND carries `parameters` "
    + "(possibly empty) and a null `value`.")
public record OperationDoc(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) OperationType type,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
    @Nullable @Schema(requiredMode = Schema.RequiredMode.REQUIRED) JsonNode value,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Map<String, JsonNode> parameters) {}
