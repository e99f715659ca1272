package io.fleetjobs.app.job;

import io.fleetjobs.app.template.OperationInput;
import java.util.List;

/**
 * Body of {@code POST /api/jobs}.
 *
 * @param deviceIds optional subset of the device set's devices; all of them when absent
 * @param operations 1 to 30 operations, checked against the set's template
 * @param deliveryTimeoutSeconds how long offline devices may take to come online (default {@code fleet.jobs.delivery-timeout})
 * @param executionTimeoutSeconds how long a device may take to answer once sent (default {@code fleet.jobs.execution-timeout})
 * @param run run the job at once instead of leaving it Pending
 */
public record JobRequest(
    String name,
    String description,
    String deviceSetId,
    List<String> deviceIds,
    List<OperationInput> operations,
    Long deliveryTimeoutSeconds,
    Long executionTimeoutSeconds,
    Boolean run) {}
