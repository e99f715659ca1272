package io.fleetjobs.app.enrolment;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.ANSI)
interface EnrolmentTokenRepository extends CrudRepository<EnrolmentToken, String> {

  Optional<EnrolmentToken> findByTokenHash(String tokenHash);

  List<EnrolmentToken> findByTemplateIdOrderByCreatedAt(String templateId);

  /**
   * Counts one enrolment, only while the token is usable at {@code now}: one statement, so two devices racing for a
   * token's last use cannot both get it (the second waits for the first's row lock, then finds no use left). Returns
   * the rows changed: 1 if the use was granted.
   */
  @Query("""
      UPDATE enrolment_token SET uses = uses + 1, last_used_at = :now
      WHERE id = :id AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now)
        AND (max_uses IS NULL OR uses < max_uses)""")
  long consume(String id, Instant now);

  /** Revokes a token unless it already is; returns the rows changed. */
  @Query("UPDATE enrolment_token SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
  long revoke(String id, Instant at);
}
