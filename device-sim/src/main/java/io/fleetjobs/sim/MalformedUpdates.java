package io.fleetjobs.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.ContractVersion;
import java.nio.charset.StandardCharsets;

/**
 * Execution updates that break the contract, the way buggy firmware does: a number sent as text, a status the
 * contract does not know, JSON cut off mid-message. {@code ContractJson.decode} refuses each of them, so the service
 * answers with a ContractError on {@code down/error}.
 */
final class MalformedUpdates {

  /** How many kinds there are; {@link #payload} takes 0 to KINDS - 1. */
  static final int KINDS = 3;

  private MalformedUpdates() {}

  static byte[] payload(String executionId, long version, int kind) {
    ObjectNode update = ContractJson.mapper().createObjectNode()
        .put("contractVersion", ContractVersion.CURRENT)
        .put("executionId", executionId);
    String json = switch (kind) {
      case 0 -> update.put("status", "SUCCEEDED").put("version", String.valueOf(version)).toString(); // WRONG_TYPE
      case 1 -> update.put("status", "DONE").put("version", version).toString(); // not an UpdateStatus
      default -> {
        String whole = update.put("status", "SUCCEEDED").put("version", version).toString();
        yield whole.substring(0, whole.length() / 2); // MALFORMED_JSON
      }
    };
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
