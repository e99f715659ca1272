package io.fleetjobs.app.enrolment;

import io.fleetjobs.app.common.Ids;
import io.fleetjobs.app.common.Instants;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * Body of {@code POST /api/templates/{id}/enrolment-tokens}: a name to recognise the token by (the production batch,
 * say), and optionally when it expires and how many devices it may register (none: until expired or revoked).
 */
public record EnrolmentTokenRequest(
    @Schema(description = Ids.NAME_100, minLength = 1, maxLength = 100, requiredMode = Schema.RequiredMode.REQUIRED) String name,
    @Nullable @Schema(description = Instants.FUTURE) Instant expiresAt,
    @Nullable @Schema(minimum = "1") Integer maxUses) {}
