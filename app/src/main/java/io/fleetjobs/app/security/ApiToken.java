package io.fleetjobs.app.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;

/**
 * A long-lived token a user made for scripts. Only its SHA-256 is stored (the token is 256 random bits, so a fast hash
 * is enough); {@code hint} is its first characters, to tell tokens apart in a listing. It acts with its owner's role
 * of the moment, and stops working when revoked, expired, or when its owner is disabled or deleted.
 */
@MappedEntity(value = "api_token", escape = false)
public record ApiToken(
    @Id String id,
    String username,
    String name,
    String tokenHash,
    String hint,
    Instant createdAt,
    @Nullable Instant expiresAt,
    @Nullable Instant lastUsedAt,
    @Nullable Instant revokedAt,
    @Version Long version) {

  boolean usableAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  ApiToken revoked(Instant at) {
    return new ApiToken(id, username, name, tokenHash, hint, createdAt, expiresAt, lastUsedAt, at, version);
  }
}
