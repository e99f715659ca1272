package io.fleetjobs.app.security;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.ANSI)
interface ApiTokenRepository extends CrudRepository<ApiToken, String> {

  Optional<ApiToken> findByTokenHash(String tokenHash);

  List<ApiToken> findByUsernameOrderByCreatedAt(String username);

  List<ApiToken> findAllOrderByCreatedAt();

  /** Without a version bump: how recently a token was used is not worth a conflict with a revocation. */
  @Query("UPDATE api_token SET last_used_at = :at WHERE id = :id")
  void touch(String id, Instant at);
}
