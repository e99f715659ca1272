package io.fleetjobs.contract.message;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.contract.Checks;
import io.fleetjobs.contract.ContractVersion;
import io.fleetjobs.contract.ContractViolation;
import java.time.Instant;
import java.util.Map;

/**
 * Device to service on {@code up/properties}: current values of some of its properties and settings.
 *
 * @param version the device's write counter for reports: grows with every report; older reports are ignored
 * @param properties name to value; at least one
 * @param timestamp when the values were read (ISO-8601); optional
 */
public record PropertyReport(Integer contractVersion, Long version, Map<String, JsonNode> properties, Instant timestamp) {

  public PropertyReport {
    Messages.requireVersion(contractVersion);
    Checks.positive(version, "version");
    Checks.required(properties, "properties");
    if (properties.isEmpty()) {
      throw ContractViolation.invalid("properties", "must hold at least one value");
    }
    properties.keySet().forEach(key -> Checks.name(key, "properties." + key));
    properties = Checks.unmodifiable(properties);
  }

  public static PropertyReport of(long version, Map<String, JsonNode> properties) {
    return new PropertyReport(ContractVersion.CURRENT, version, properties, Instant.now());
  }
}
