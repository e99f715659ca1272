package io.fleetjobs.app.enrolment;

import java.time.Instant;

/**
 * Body of {@code POST /api/templates/{id}/enrolment-tokens}: a name to recognise the token by (the production batch,
 * say), and optionally when it expires and how many devices it may register (none: until expired or revoked).
 */
public record EnrolmentTokenRequest(String name, Instant expiresAt, Integer maxUses) {}
