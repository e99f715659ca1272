package io.fleetjobs.app.identity;

import io.fleetjobs.app.common.Refusal;
import io.fleetjobs.app.security.SecretFiles;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Devices' own secrets: issued when a device is registered (shown once), rotated, revoked, and checked when a device
 * connects. A secret is 24 random bytes in base64url: 32 characters, usable as an MQTT password and, as its UTF-8
 * bytes, as a 32-byte DTLS pre-shared key (the largest many embedded TLS stacks accept by default).
 */
@Singleton
public class DeviceCredentials {

  /** A freshly issued secret; the only time it exists outside the device. */
  public record Issued(String deviceId, String secret, Instant issuedAt) {}

  /** A usable credential as an external broker's password file holds it: the device id and the stored hash. */
  public record Usable(String deviceId, String secretHash) {}

  private final DeviceCredentialRepository store;
  private final MasterKey masterKey;
  private final ApplicationEventPublisher<CredentialRevoked> revocations;
  private final ApplicationEventPublisher<CredentialsChanged> changes;
  private final Clock clock;

  DeviceCredentials(DeviceCredentialRepository store, MasterKey masterKey, ApplicationEventPublisher<CredentialRevoked> revocations,
      ApplicationEventPublisher<CredentialsChanged> changes, Clock clock) {
    this.store = store;
    this.masterKey = masterKey;
    this.revocations = revocations;
    this.changes = changes;
    this.clock = clock;
  }

  /** A new secret for a device, replacing any it had (whose connection is then ended). */
  public Issued issue(String deviceId) {
    String secret = SecretFiles.token(24);
    Instant now = clock.instant();
    String hash = SecretHash.of(secret);
    String sealed = masterKey.seal(secret, deviceId);
    Optional<DeviceCredential> existing = store.findById(deviceId);
    if (existing.isPresent()) {
      store.update(existing.get().reissued(hash, sealed, now));
      revocations.publishEvent(new CredentialRevoked(deviceId));
    } else {
      store.save(new DeviceCredential(deviceId, hash, sealed, now, null, null));
    }
    changes.publishEvent(new CredentialsChanged(java.util.List.of(deviceId)));
    return new Issued(deviceId, secret, now);
  }

  /**
   * Issues secrets for many new devices at once (bulk registration); none of them may have one yet. It runs inside the
   * caller's transaction, so the caller publishes {@link CredentialsChanged} once that has committed.
   */
  public java.util.List<Issued> issueAll(java.util.List<String> deviceIds) {
    Instant now = clock.instant();
    java.util.List<Issued> issued = new java.util.ArrayList<>(deviceIds.size());
    java.util.List<DeviceCredential> rows = new java.util.ArrayList<>(deviceIds.size());
    for (String id : deviceIds) {
      String secret = SecretFiles.token(24);
      issued.add(new Issued(id, secret, now));
      rows.add(new DeviceCredential(id, SecretHash.of(secret), masterKey.seal(secret, id), now, null, null));
    }
    // a device deleted and now registered again may have left one behind
    store.deleteByDeviceIdIn(deviceIds);
    store.saveAll(rows);
    return issued;
  }

  public Optional<DeviceCredential> find(String deviceId) {
    return store.findById(deviceId);
  }

  /** Revokes a device's secret at once: its connection ends and it cannot connect again until re-issued. */
  public DeviceCredential revoke(String deviceId) {
    DeviceCredential credential = store.findById(deviceId)
        .orElseThrow(() -> Refusal.notFound("credential of device", deviceId));
    DeviceCredential revoked = credential.usable() ? store.update(credential.revoked(clock.instant())) : credential;
    revocations.publishEvent(new CredentialRevoked(deviceId));
    changes.publishEvent(new CredentialsChanged(java.util.List.of(deviceId)));
    return revoked;
  }

  /** Whether {@code secret} is the device's current, unrevoked secret. Blocking (one primary-key read). */
  public boolean verify(String deviceId, String secret) {
    return store.findById(deviceId).filter(DeviceCredential::usable).map(c -> SecretHash.matches(secret, c.secretHash())).orElse(false);
  }

  /** The device's DTLS pre-shared key (its secret's UTF-8 bytes), unless it has none or it is revoked. Blocking. */
  public Optional<byte[]> psk(String deviceId) {
    return store.findById(deviceId).filter(DeviceCredential::usable)
        .map(c -> masterKey.unseal(c.sealedSecret(), deviceId).getBytes(StandardCharsets.UTF_8));
  }

  /** Every usable credential in device id order, for exporting to an external broker's password file. Blocking. */
  public java.util.List<Usable> usable() {
    return store.findByRevokedAtIsNullOrderByDeviceId().stream().map(c -> new Usable(c.deviceId(), c.secretHash())).toList();
  }

  /** Removes a deleted device's credential. */
  void forget(String deviceId) {
    if (store.existsById(deviceId)) {
      store.deleteById(deviceId);
      revocations.publishEvent(new CredentialRevoked(deviceId));
      changes.publishEvent(new CredentialsChanged(java.util.List.of(deviceId)));
    }
  }
}
