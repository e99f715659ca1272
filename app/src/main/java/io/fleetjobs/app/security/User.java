package io.fleetjobs.app.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;

/**
 * An operator who signs in. {@code securityVersion} grows whenever the password, role or standing changes, and every
 * sign-in token carries the version it was issued at, so such a change ends the user's sessions at once.
 *
 * @param passwordHash bcrypt; null for a user who signs in through the OpenID Connect provider only
 */
@MappedEntity(value = "fleet_user", escape = false)
public record User(
    @Id String username,
    String displayName,
    @Nullable String passwordHash,
    Role role,
    long securityVersion,
    boolean disabled,
    Instant createdAt,
    @Nullable Instant passwordChangedAt,
    @Version Long version) {

  User withPassword(String hash, Instant at) {
    return new User(username, displayName, hash, role, securityVersion + 1, disabled, createdAt, at, version);
  }

  User withStanding(String name, Role newRole, boolean isDisabled) {
    boolean changed = newRole != role || isDisabled != disabled;
    return new User(username, name, passwordHash, newRole, changed ? securityVersion + 1 : securityVersion, isDisabled, createdAt,
        passwordChangedAt, version);
  }
}
