package io.fleetjobs.app.security;

import io.fleetjobs.app.common.Ids;
import io.fleetjobs.app.common.Instants;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** Body of {@code POST /api/tokens}: a name to recognise the token by, and optionally when it expires. */
public record ApiTokenRequest(
    @Schema(description = Ids.NAME_100, minLength = 1, maxLength = 100, requiredMode = Schema.RequiredMode.REQUIRED) String name,
    @Nullable @Schema(description = Instants.FUTURE) Instant expiresAt) {}
