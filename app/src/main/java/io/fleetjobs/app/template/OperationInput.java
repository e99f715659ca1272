package io.fleetjobs.app.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.app.common.Ids;
import io.fleetjobs.contract.message.OperationType;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * An operation as an operator writes it: PROPERTY or SETTING with {@code name} and {@code value}, COMMAND with {@code
 * name} and {@code parameters}.
 */
public record OperationInput(
    OperationType type,
    @Schema(description = "a property, setting or command of the template", pattern = Ids.KEY_PATTERN, requiredMode = Schema.RequiredMode.REQUIRED) String name,
    @Nullable @Schema(description = "PROPERTY and SETTING: of the template's type; text without lone surrogates, finite numbers") JsonNode value,
    @Nullable @Schema(description = "COMMAND: the command's parameters by name")
        Map<String, JsonNode> parameters) {}
