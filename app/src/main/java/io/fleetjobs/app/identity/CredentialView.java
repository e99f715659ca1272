package io.fleetjobs.app.identity;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * A device's credential as the API shows it: whether it is active, when issued or revoked. {@code secret} only in
 * the answer that issued it.
 */
public record CredentialView(String deviceId, String state, @Nullable Instant issuedAt, @Nullable Instant revokedAt, @Nullable String secret) {

  static CredentialView of(DeviceCredential c) {
    return new CredentialView(c.deviceId(), c.usable() ? "ACTIVE" : "REVOKED", c.issuedAt(), c.revokedAt(), null);
  }

  static CredentialView of(DeviceCredentials.Issued issued) {
    return new CredentialView(issued.deviceId(), "ACTIVE", issued.issuedAt(), null, issued.secret());
  }
}
