package io.fleetjobs.app.audit;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * An audit event as {@code GET /api/audit} lists it. {@code outcome} sums up {@code status}: success (1xx-3xx),
 * refused (4xx) or error (5xx).
 */
public record AuditEventView(
    long id, Instant at, @Nullable String actor, @Nullable String via, String method, String action, String path, @Nullable String target,
    @Nullable String remoteAddress,
    int status, String outcome) {

  static AuditEventView of(AuditEvent e) {
    String outcome = e.status() >= 500 ? "error" : e.status() >= 400 ? "refused" : "success";
    return new AuditEventView(e.id(), e.at(), e.actor(), e.via(), e.method(), e.action(), e.path(), e.target(), e.remoteAddress(),
        e.status(), outcome);
  }
}
