package io.fleetjobs.app.security;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A user as the API shows it: never the password hash. {@code password} is set only in the answer that created or
 * reset a generated password, the only time it is shown.
 */
public record UserView(
    String username, String displayName, @Schema(implementation = String.class, allowableValues = {"viewer", "operator", "admin"}) Role role, boolean disabled, boolean hasPassword, Instant createdAt, @Nullable Instant passwordChangedAt,
    @Nullable String password) {

  static UserView of(User user) {
    return of(user, null);
  }

  static UserView of(User user, String generatedPassword) {
    return new UserView(user.username(), user.displayName(), user.role(), user.disabled(), user.passwordHash() != null, user.createdAt(),
        user.passwordChangedAt(), generatedPassword);
  }
}
