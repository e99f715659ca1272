package io.fleetjobs.contract;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The contract's CoAP resources, each device confined to its own subtree {@code /fleet/v1/devices/{deviceId}/}. The
 * same JSON payloads as over MQTT, content format 50 (application/json).
 *
 * <pre>
 * POST /fleet/v1/devices/{id}/presence?lifetime=300   Presence          2.04 (2.01 when it registers the device)
 * GET  /fleet/v1/devices/{id}/pending (Observe)       PendingExecutions 2.05, then a notification on every change
 * GET  /fleet/v1/devices/{id}/executions/{execId}     ExecutionRequest  2.05 (block-wise when large), 4.04 if not pending
 * POST /fleet/v1/devices/{id}/execution-update        ExecutionUpdate   2.04 once recorded
 * POST /fleet/v1/devices/{id}/properties              PropertyReport    2.04
 * </pre>
 *
 * A malformed request gets 4.00 with a {@code ContractError} payload naming the field; an unknown execution 4.04.
 */
public final class CoapPaths {

  /** The content format of every payload: application/json (RFC 7252 §12.3). */
  public static final int JSON = 50;

  /** How long a CoAP device counts as online after a presence without {@code lifetime}, in seconds. */
  public static final long DEFAULT_LIFETIME_SECONDS = 300;

  /** The path segments before the device id. */
  public static final List<String> ROOT = List.of("fleet", "v" + ContractVersion.CURRENT, "devices");

  /** A device's resources. */
  public enum Resource {
    PRESENCE("presence"),
    PENDING("pending"),
    EXECUTIONS("executions"),
    EXECUTION_UPDATE("execution-update"),
    PROPERTIES("properties");

    private final String segment;

    Resource(String segment) {
      this.segment = segment;
    }

    public String segment() {
      return segment;
    }

    public static Optional<Resource> of(String segment) {
      for (Resource r : values()) {
        if (r.segment.equals(segment)) {
          return Optional.of(r);
        }
      }
      return Optional.empty();
    }
  }

  private CoapPaths() {}

  /** {@code fleet/v1/devices/{deviceId}/{resource}}, without a leading slash, as CoAP URI paths are written. */
  public static String path(String deviceId, Resource resource) {
    Objects.requireNonNull(resource, "resource");
    return String.join("/", ROOT) + "/" + Checks.id(deviceId, "deviceId") + "/" + resource.segment();
  }

  /** {@code fleet/v1/devices/{deviceId}/executions/{executionId}}. */
  public static String execution(String deviceId, String executionId) {
    return path(deviceId, Resource.EXECUTIONS) + "/" + Checks.id(executionId, "executionId");
  }
}
