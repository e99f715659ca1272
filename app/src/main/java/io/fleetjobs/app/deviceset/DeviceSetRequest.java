package io.fleetjobs.app.deviceset;

import java.util.List;

/**
 * Body of {@code POST /api/device-sets}. Give {@code deviceIds} for an explicit list, otherwise {@code conditions}
 * (none: every device of the template). {@code id} is optional; one is generated if absent.
 */
public record DeviceSetRequest(
    String id, String name, String description, String template, List<Condition> conditions, List<String> deviceIds) {}
