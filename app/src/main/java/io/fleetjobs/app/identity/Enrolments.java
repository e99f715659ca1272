package io.fleetjobs.app.identity;

import io.fleetjobs.app.common.Refusal;
import io.fleetjobs.app.common.Sql;
import io.fleetjobs.app.device.DeviceRequest;
import io.fleetjobs.app.device.DeviceService;
import io.fleetjobs.app.device.DeviceView;
import io.fleetjobs.app.device.Transport;
import io.fleetjobs.app.enrolment.EnrolmentTokens;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.ErrorCode;
import io.fleetjobs.contract.message.EnrolmentRequest;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrolment exchange, whatever carries it: a device that connected with an enrolment token asks to be registered;
 * in one transaction the token's use is counted (atomically: a token's last use goes to exactly one device), the
 * device is registered under the token's template and its credential issued. Anything that changed since the connect
 * was checked (the token revoked, expired or used up; the id registered) refuses it, and nothing is written.
 */
@Singleton
public class Enrolments {

  private static final Logger LOG = LoggerFactory.getLogger(Enrolments.class);

  private final EnrolmentTokens tokens;
  private final Provisioning provisioning;
  private final DeviceService devices;
  private final Sql sql;

  Enrolments(EnrolmentTokens tokens, Provisioning provisioning, DeviceService devices, Sql sql) {
    this.tokens = tokens;
    this.provisioning = provisioning;
    this.devices = devices;
    this.sql = sql;
  }

  /**
   * Registers {@code deviceId} with the token {@code tokenId} it connected with, and issues its credential. Blocking.
   *
   * @throws ContractViolation {@link ErrorCode#ENROLMENT_REFUSED} when the token or the id no longer allow it
   */
  public DeviceCredentials.Issued enrol(String deviceId, String tokenId, EnrolmentRequest request) {
    DeviceCredentials.Issued issued = sql.inTransaction(() -> {
      if (devices.find(deviceId).filter(d -> !d.isDeleted()).isPresent()) {
        throw refused("device '" + deviceId + "' is already registered: it connects with its own credential");
      }
      String template = tokens.consume(tokenId)
          .orElseThrow(() -> refused("the enrolment token is revoked, expired or used up"));
      DeviceView view;
      try {
        view = provisioning.register(new DeviceRequest(deviceId, request.name(), template, request.attributes(), Transport.MQTT, null));
      } catch (Refusal e) {
        // a registration that raced this one, or the token's template deleted meanwhile
        throw refused("device '" + deviceId + "' cannot be registered: " + e.getMessage());
      }
      return new DeviceCredentials.Issued(view.id(), view.credential().secret(), view.credential().issuedAt());
    });
    LOG.info("Device '{}' enrolled with enrolment token '{}'", deviceId, tokenId);
    return issued;
  }

  private static ContractViolation refused(String why) {
    return new ContractViolation(ErrorCode.ENROLMENT_REFUSED, null, why);
  }
}
