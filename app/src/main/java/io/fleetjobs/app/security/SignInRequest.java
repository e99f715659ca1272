package io.fleetjobs.app.security;

import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /api/auth/login} and {@code POST /api/auth/session}. */
public record SignInRequest(@Schema(minLength = 1, requiredMode = Schema.RequiredMode.REQUIRED) String username, @Schema(minLength = 1, requiredMode = Schema.RequiredMode.REQUIRED) String password) {}
