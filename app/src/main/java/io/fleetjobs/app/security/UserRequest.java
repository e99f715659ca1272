package io.fleetjobs.app.security;

import io.fleetjobs.app.common.Ids;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /api/users}: a new user with a role ({@code viewer}, {@code operator} or {@code admin}) and a
 * password; without one the service generates a password and answers it once.
 */
public record UserRequest(
    @Schema(pattern = "^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$", requiredMode = Schema.RequiredMode.REQUIRED) String username,
    @Nullable @Schema(description = Ids.NAME_200 + "; the user name when absent", maxLength = 200) String displayName,
    @Schema(allowableValues = {"viewer", "operator", "admin"}, requiredMode = Schema.RequiredMode.REQUIRED) String role,
    @Nullable @Schema(description = PasswordChange.RULE, minLength = 10) String password) {}
