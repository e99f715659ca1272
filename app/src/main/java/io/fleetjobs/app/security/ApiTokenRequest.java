package io.fleetjobs.app.security;

import java.time.Instant;

/** Body of {@code POST /api/tokens}: a name to recognise the token by, and optionally when it expires. */
public record ApiTokenRequest(String name, Instant expiresAt) {}
