package io.fleetjobs.app.security;

import io.fleetjobs.app.common.Ids;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code PATCH /api/users/{username}}: any of a new display name, role, or standing. */
public record UserUpdate(
    @Nullable @Schema(description = Ids.NAME_200, maxLength = 200) String displayName,
    @Nullable @Schema(allowableValues = {"viewer", "operator", "admin"}) String role,
    @Nullable Boolean disabled) {}
