package io.fleetjobs.app.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;

/**
 * A device's secret, as stored: its hash (checks MQTT connects, exportable to mosquitto) and the secret sealed under
 * the master key (read back only as the device's DTLS pre-shared key). Revoked credentials stay until re-issued.
 */
@MappedEntity(value = "device_credential", escape = false)
record DeviceCredential(
    @Id String deviceId, String secretHash, String sealedSecret, Instant issuedAt, @Nullable Instant revokedAt, @Version Long version) {

  boolean usable() {
    return revokedAt == null;
  }

  DeviceCredential revoked(Instant at) {
    return new DeviceCredential(deviceId, secretHash, sealedSecret, issuedAt, at, version);
  }

  DeviceCredential reissued(String hash, String sealed, Instant at) {
    return new DeviceCredential(deviceId, hash, sealed, at, null, version);
  }
}
