package io.fleetjobs.contract.message;

import io.fleetjobs.contract.Checks;
import io.fleetjobs.contract.ContractVersion;
import io.fleetjobs.contract.ContractViolation;
import java.time.Instant;

/**
 * Service to an enrolling device on {@code down/credential}: the device is registered and this is its own credential.
 * Keep the secret (it is shown this once), disconnect, and connect again with client id and user name =
 * {@code deviceId} and password = {@code secret}. Its {@link #toString()} never shows the secret.
 *
 * @param deviceId the registered device's id: the client id the enrolling connection used
 * @param secret the device's secret: its MQTT password, and (its UTF-8 bytes) its DTLS pre-shared key
 * @param issuedAt when the service issued it (ISO-8601)
 */
public record Credential(Integer contractVersion, String deviceId, String secret, Instant issuedAt) {

  /** The longest secret a device must be ready to store; the service's are 32 characters today. */
  public static final int MAX_SECRET_LENGTH = 256;

  public Credential {
    Messages.requireVersion(contractVersion);
    Checks.id(deviceId, "deviceId");
    Checks.required(secret, "secret");
    if (secret.isEmpty() || secret.length() > MAX_SECRET_LENGTH) {
      throw ContractViolation.invalid("secret", "must be 1 to " + MAX_SECRET_LENGTH + " characters");
    }
    Checks.required(issuedAt, "issuedAt");
  }

  public static Credential of(String deviceId, String secret, Instant issuedAt) {
    return new Credential(ContractVersion.CURRENT, deviceId, secret, issuedAt);
  }

  @Override
  public String toString() {
    return "Credential[deviceId=" + deviceId + ", secret=(hidden), issuedAt=" + issuedAt + "]";
  }
}
