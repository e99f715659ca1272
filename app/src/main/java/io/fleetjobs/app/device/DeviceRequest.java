package io.fleetjobs.app.device;

import java.util.Map;

/** Body of {@code POST /api/devices}: register a device of a template, reached over MQTT (default) or CoAP. */
public record DeviceRequest(String id, String name, String template, Map<String, String> attributes, Transport transport) {}
