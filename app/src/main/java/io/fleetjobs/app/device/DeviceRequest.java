package io.fleetjobs.app.device;

import java.util.Map;

/**
 * Body of {@code POST /api/devices}: register a device of a template, reached over MQTT (default) or CoAP, or as a
 * child of the gateway {@code gatewayId} (MQTT only).
 */
public record DeviceRequest(
    String id, String name, String template, Map<String, String> attributes, Transport transport, String gatewayId) {

  public DeviceRequest(String id, String name, String template, Map<String, String> attributes, Transport transport) {
    this(id, name, template, attributes, transport, null);
  }
}
