package io.fleetjobs.app.enrolment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * An enrolment token of a template, as stored: its SHA-256 only, and how many devices it registered so far. Written
 * once by the repository; {@code uses} and {@code revokedAt} change only through conditional SQL updates
 * ({@link EnrolmentTokenRepository}), never by saving this record again, so concurrent enrolments cannot overwrite
 * each other's count.
 */
@MappedEntity(value = "enrolment_token", escape = false)
record EnrolmentToken(
    @Id String id,
    String templateId,
    String name,
    String tokenHash,
    String hint,
    Instant createdAt,
    @Nullable String createdBy,
    @Nullable Instant expiresAt,
    @Nullable Integer maxUses,
    int uses,
    @Nullable Instant lastUsedAt,
    @Nullable Instant revokedAt) {

  /** What a token is at {@code now}. */
  enum State {
    ACTIVE,
    EXPIRED,
    USED_UP,
    REVOKED
  }

  State stateAt(Instant now) {
    if (revokedAt != null) {
      return State.REVOKED;
    }
    if (expiresAt != null && !now.isBefore(expiresAt)) {
      return State.EXPIRED;
    }
    if (maxUses != null && uses >= maxUses) {
      return State.USED_UP;
    }
    return State.ACTIVE;
  }
}
