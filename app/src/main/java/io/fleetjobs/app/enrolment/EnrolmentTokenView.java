package io.fleetjobs.app.enrolment;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * An enrolment token as listed: its state ({@code ACTIVE}, {@code EXPIRED}, {@code USED_UP} or {@code REVOKED}), how
 * many devices it registered so far, and {@code hint}, its first characters. {@code token} is set only in the answer
 * that created it, the only time it is shown.
 */
public record EnrolmentTokenView(
    String id, String templateId, String name, String hint, String state, Instant createdAt, String createdBy, @Nullable Instant expiresAt,
    @Nullable Integer maxUses, int uses, @Nullable Instant lastUsedAt, @Nullable Instant revokedAt, @Nullable String token) {

  static EnrolmentTokenView of(EnrolmentToken t, Instant now, String token) {
    return new EnrolmentTokenView(t.id(), t.templateId(), t.name(), t.hint(), t.stateAt(now).name(), t.createdAt(), t.createdBy(),
        t.expiresAt(), t.maxUses(), t.uses(), t.lastUsedAt(), t.revokedAt(), token);
  }
}
