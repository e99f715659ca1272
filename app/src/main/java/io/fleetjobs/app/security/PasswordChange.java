package io.fleetjobs.app.security;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code PUT /api/users/{username}/password}: the new password; a user changing their own password also gives
 * the current one. Without {@code newPassword} the service generates one and answers it once (admins only).
 */
public record PasswordChange(
    @Nullable String currentPassword, @Nullable @Schema(description = RULE, minLength = 10) String newPassword) {

  /** What a password may be, as the documentation says it. */
  static final String RULE = "10 characters to 72 bytes of UTF-8, any characters but lone surrogates";
}
