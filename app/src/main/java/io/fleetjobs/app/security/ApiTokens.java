package io.fleetjobs.app.security;

import io.fleetjobs.app.common.Ids;
import io.fleetjobs.app.common.Instants;
import io.fleetjobs.app.common.Refusal;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Users' API tokens: made (shown once), listed, revoked, and checked on every request that carries one. */
@Singleton
public class ApiTokens {

  /** Every API token starts with this, so it is never mistaken for a sign-in token and is easy to find in a leak scan. */
  public static final String PREFIX = "fjt_";
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  private final ApiTokenRepository tokens;
  private final UserDirectory directory;
  private final Clock clock;
  private final Map<String, Instant> touched = new ConcurrentHashMap<>();

  ApiTokens(ApiTokenRepository tokens, UserDirectory directory, Clock clock) {
    this.tokens = tokens;
    this.directory = directory;
    this.clock = clock;
  }

  /** A new token of {@code username}; the answer holds the token itself, which is not stored. */
  public ApiTokenView create(String username, ApiTokenRequest request) {
    String name = Ids.requireName(request.name(), "name", 100);
    Instant now = clock.instant();
    Instants.inRange(request.expiresAt(), "expiresAt");
    if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
      throw Refusal.invalid("expiresAt", "expiresAt must be in the future");
    }
    String secret = PREFIX + SecretFiles.token(32);
    ApiToken token = new ApiToken(Ids.newId(), username, name, sha256(secret), secret.substring(0, PREFIX.length() + 6), now,
        request.expiresAt(), null, null, null);
    return ApiTokenView.of(tokens.save(token), secret);
  }

  public List<ApiToken> of(String username) {
    return tokens.findByUsernameOrderByCreatedAt(username);
  }

  public List<ApiToken> all() {
    return tokens.findAllOrderByCreatedAt();
  }

  /** Revokes a token: its owner's, or anyone's for an admin. Revoking twice is harmless. */
  public ApiToken revoke(String id, String actor, boolean actorIsAdmin) {
    ApiToken token = tokens.findById(id).orElseThrow(() -> Refusal.notFound("API token", id));
    if (!token.username().equals(actor) && !actorIsAdmin) {
      // the same answer as for a token that does not exist: others' token ids are not confirmed
      throw Refusal.notFound("API token", id);
    }
    return token.revokedAt() != null ? token : tokens.update(token.revoked(clock.instant()));
  }

  /** Who a presented token acts for, with their current role; empty if it is not a usable token. Blocking. */
  public Optional<Holder> authenticate(String presented) {
    if (presented == null || !presented.startsWith(PREFIX)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return tokens.findByTokenHash(sha256(presented))
        .filter(t -> t.usableAt(now))
        .flatMap(t -> directory.standing(t.username()).filter(s -> !s.disabled()).map(s -> {
          touch(t, now);
          return new Holder(t.username(), s.role(), t.id());
        }));
  }

  /** The user an API token acts for. */
  public record Holder(String username, Role role, String tokenId) {}

  private void touch(ApiToken token, Instant now) {
    Instant last = touched.get(token.id());
    if (last == null || last.plus(TOUCH_EVERY).isBefore(now)) {
      touched.put(token.id(), now);
      tokens.touch(token.id(), now);
    }
  }

  static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
