package io.fleetjobs.app.identity;

import io.fleetjobs.app.device.Device;
import io.fleetjobs.app.device.DeviceService;
import io.fleetjobs.app.device.DevicesConfig;
import io.fleetjobs.app.enrolment.EnrolmentTokens;
import io.fleetjobs.contract.Checks;
import io.fleetjobs.contract.Enrolment;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Who may connect as a device, whatever the transport: the client id is the device id, and the device proves it with
 * its secret (the password) or a client certificate whose common name is its id; or, not registered yet, it enrols:
 * user name {@link Enrolment#USERNAME} and an enrolment token as password. The broker adapters turn the answer into a
 * CONNACK and topic permissions; the decision itself lives here, once. Blocking (database reads).
 */
@Singleton
public class DeviceAccess {

  /** What a connect attempt showed: the client id, the user name and password if any, a verified certificate's CN. */
  public record Attempt(String clientId, String username, String password, String certificateCn) {}

  /** The answer: a device may connect, or not and why (the reason is logged, never told to the client in detail). */
  public sealed interface Decision {}

  /** The device may connect as itself; {@code registered} is false only under open registration. */
  public record Granted(String deviceId, boolean registered) implements Decision {}

  /** Refused; {@code badCredentials} when a secret or certificate was given and is wrong (else: none was given). */
  public record Refused(String reason, boolean badCredentials) implements Decision {}

  /**
   * A device not registered yet may connect to enrol with the enrolment token {@code tokenId}: only to ask for its
   * credential ({@link Enrolments}), nothing else.
   */
  public record Enrolling(String deviceId, String tokenId) implements Decision {}

  private final DeviceService devices;
  private final DeviceCredentials credentials;
  private final DevicesConfig config;
  private final EnrolmentTokens enrolment;

  DeviceAccess(DeviceService devices, DeviceCredentials credentials, DevicesConfig config, EnrolmentTokens enrolment) {
    this.devices = devices;
    this.credentials = credentials;
    this.config = config;
    this.enrolment = enrolment;
  }

  public Decision decide(Attempt a) {
    String id = a.clientId();
    if (id == null || !Checks.ID.matcher(id).matches()) {
      return new Refused("the client id must be a device id (1-128 letters, digits, '.', '_', ':' or '-')", false);
    }
    if (Enrolment.USERNAME.equals(a.username())) {
      return enrolling(id, a.password());
    }
    if (a.username() != null && !a.username().isEmpty() && !a.username().equals(id)) {
      return new Refused("the user name, when given, must be the client id", true);
    }
    Optional<Device> device = devices.find(id).filter(d -> !d.isDeleted());
    if (device.isPresent() && device.get().gatewayId() != null) {
      return new Refused("device '" + id + "' is a child of gateway '" + device.get().gatewayId() + "' and speaks only through it", false);
    }
    if (a.certificateCn() != null) {
      if (!a.certificateCn().equals(id)) {
        return new Refused("the client certificate names '" + a.certificateCn() + "', not the client id", true);
      }
      if (device.isEmpty()) {
        return new Refused("device '" + id + "' is not registered", true);
      }
      boolean revoked = credentials.find(id).map(c -> !c.usable()).orElse(false);
      return revoked ? new Refused("the credential of device '" + id + "' is revoked", true) : new Granted(id, true);
    }
    if (a.password() != null) {
      return device.isPresent() && credentials.verify(id, a.password())
          ? new Granted(id, true)
          : new Refused("wrong or revoked secret, or no such device", true);
    }
    if (config.openRegistration() && (device.isEmpty() || credentials.find(id).isEmpty())) {
      return new Granted(id, device.isPresent()); // a lab: fleet.security.devices.open-registration
    }
    return new Refused("device '" + id + "' gave no credential", false);
  }

  /** An enrolling connect: a usable token (checked first, so only its holders learn whether an id is taken), a free id. */
  private Decision enrolling(String id, String token) {
    EnrolmentTokens.Admission admission = enrolment.admit(token);
    if (!admission.admitted()) {
      return new Refused(admission.refusal(), true);
    }
    return devices.find(id).filter(d -> !d.isDeleted()).isPresent()
        ? new Refused("device '" + id + "' is registered already and cannot enrol: it connects with its own credential", false)
        : new Enrolling(id, admission.tokenId());
  }
}
