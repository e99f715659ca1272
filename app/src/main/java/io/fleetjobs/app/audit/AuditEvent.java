package io.fleetjobs.app.audit;

import java.time.Instant;

/**
 * One recorded request: when, who ({@code actor}, null when unknown) and how they were signed in ({@code via}: session,
 * bearer, api-token), what ({@code action}: method and route template; {@code path}; {@code target}: the id it
 * names), from where, and the HTTP status it was answered with. {@code id} is null until stored.
 */
public record AuditEvent(
    Long id, Instant at, String actor, String via, String method, String action, String path, String target, String remoteAddress,
    int status) {}
