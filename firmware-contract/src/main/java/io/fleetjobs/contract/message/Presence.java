package io.fleetjobs.contract.message;

import io.fleetjobs.contract.Checks;
import io.fleetjobs.contract.ContractVersion;
import java.time.Instant;
import java.util.Map;

/**
 * Device to service on {@code up/presence}. Published ONLINE right after connecting (the birth message) and registered
 * as the connection's last will with OFFLINE, so the broker announces an unexpected disconnect.
 *
 * @param template the device's template id; lets the service register a device it does not know yet (birth only)
 * @param attributes the device's attributes (model, region, ...), string values of at most 256 characters; used with
 *     {@code template}
 * @param timestamp when the device wrote it (ISO-8601); optional, and meaningless in a last will
 */
public record Presence(
    Integer contractVersion, PresenceState state, String template, Map<String, String> attributes, Instant timestamp) {

  /** The longest attribute value, as in the REST API. */
  public static final int MAX_ATTRIBUTE_LENGTH = Messages.MAX_ATTRIBUTE_LENGTH;

  public Presence {
    Messages.requireVersion(contractVersion);
    Checks.required(state, "state");
    if (template != null) {
      Checks.id(template, "template");
    }
    attributes = Messages.attributes(attributes);
  }

  public static Presence online(String template, Map<String, String> attributes) {
    return new Presence(ContractVersion.CURRENT, PresenceState.ONLINE, template, attributes, Instant.now());
  }

  public static Presence offline() {
    return new Presence(ContractVersion.CURRENT, PresenceState.OFFLINE, null, null, null);
  }
}
