package io.fleetjobs.app.security;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** An API token as listed; {@code token} is set only in the answer that created it, the only time it is shown. */
public record ApiTokenView(
    String id, String username, String name, String hint, Instant createdAt, @Nullable Instant expiresAt, @Nullable Instant lastUsedAt,
    @Nullable Instant revokedAt, @Nullable String token) {

  static ApiTokenView of(ApiToken t) {
    return of(t, null);
  }

  static ApiTokenView of(ApiToken t, String token) {
    return new ApiTokenView(t.id(), t.username(), t.name(), t.hint(), t.createdAt(), t.expiresAt(), t.lastUsedAt(), t.revokedAt(), token);
  }
}
