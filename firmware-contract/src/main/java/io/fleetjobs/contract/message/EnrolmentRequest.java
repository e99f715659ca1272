package io.fleetjobs.contract.message;

import io.fleetjobs.contract.Checks;
import io.fleetjobs.contract.ContractVersion;
import io.fleetjobs.contract.ContractViolation;
import java.util.Map;

/**
 * Device to service on {@code up/enrolment-request}, over an enrolling connection only (see
 * {@link io.fleetjobs.contract.Enrolment}): register me, under my enrolment token's template and with the device id I
 * connected with, and send me my credential on {@code down/credential}. Sent once, after subscribing.
 *
 * @param name a display name for the device (1 to 200 characters, not blank); optional, the device id by default
 * @param attributes the device's attributes (model, region, ...), string values of at most 256 characters; optional
 */
public record EnrolmentRequest(Integer contractVersion, String name, Map<String, String> attributes) {

  /** The longest display name, as in the REST API. */
  public static final int MAX_NAME_LENGTH = 200;

  public EnrolmentRequest {
    Messages.requireVersion(contractVersion);
    if (name != null && (Checks.blank(name) || name.length() > MAX_NAME_LENGTH)) {
      throw ContractViolation.invalid("name", "must be 1 to " + MAX_NAME_LENGTH + " characters, not blank");
    }
    attributes = Messages.attributes(attributes);
  }

  public static EnrolmentRequest of(String name, Map<String, String> attributes) {
    return new EnrolmentRequest(ContractVersion.CURRENT, name, attributes);
  }
}
