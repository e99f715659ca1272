package io.fleetjobs.app.security;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * Who is signed in. {@code accessToken} (with {@code tokenType} Bearer) only in the answer of
 * {@code POST /api/auth/login}; {@code csrfToken} only for a console session, which sends it back as the
 * {@code X-CSRF-Token} header on every request that changes something.
 */
public record SignInView(
    String username, String displayName, @Schema(implementation = String.class, allowableValues = {"viewer", "operator", "admin"}) Role role, String via, @Nullable Instant expiresAt, @Nullable String accessToken, @Nullable String tokenType,
    @Nullable String csrfToken) {}
