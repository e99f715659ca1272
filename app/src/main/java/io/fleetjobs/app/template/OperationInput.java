package io.fleetjobs.app.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.contract.message.OperationType;
import java.util.Map;

/**
 * An operation as an operator writes it: PROPERTY or SETTING with {@code name} and {@code value}, COMMAND with {@code
 * name} and {@code parameters}.
 */
public record OperationInput(OperationType type, String name, JsonNode value, Map<String, JsonNode> parameters) {}
