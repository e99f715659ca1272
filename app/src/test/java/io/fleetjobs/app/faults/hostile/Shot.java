package io.fleetjobs.app.faults.hostile;

import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.arbitrary.Expected;
import java.nio.charset.StandardCharsets;

/**
 * One message of the hostile stream: where it goes (a device topic's channel, or {@code topicSuffix} for a topic the
 * contract does not have), its bytes, and the answer the contract gives it.
 *
 * @param label what it is, for the report of a failure
 * @param channel the up channel it is published on (MQTT) or posted to (CoAP); null with {@code topicSuffix}
 * @param topicSuffix a level under the device's {@code up/} that is no channel of the contract, or null
 * @param oversized over the CoAP body limit: answered 4.13 before any contract check, so no ContractError
 */
record Shot(String label, Channel channel, String topicSuffix, byte[] payload, Expected expected, boolean oversized) {

  static Shot of(String label, Channel channel, byte[] payload, Expected expected) {
    return new Shot(label, channel, null, payload, expected, false);
  }

  @Override
  public String toString() {
    String shown = new String(payload, StandardCharsets.ISO_8859_1);
    return label + " on " + (channel != null ? channel.name() : "up/" + topicSuffix) + " -> " + (oversized ? "4.13" : expected) + ": "
        + (shown.length() > 200 ? shown.substring(0, 200) + "…" : shown);
  }
}
