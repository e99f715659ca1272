package io.fleetjobs.app.enrolment;

import io.fleetjobs.app.common.Ids;
import io.fleetjobs.app.common.Instants;
import io.fleetjobs.app.common.Refusal;
import io.fleetjobs.app.security.SecretFiles;
import io.fleetjobs.app.template.TemplateService;
import io.fleetjobs.contract.Enrolment;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Enrolment tokens of templates: made by an admin (shown once), listed, revoked; checked when a device connects to
 * enrol, and counted, atomically, when it is registered with one. A token is {@code fje_} and 256 random bits in
 * base64url; only its SHA-256 is stored (a fast hash is enough for 256 random bits).
 */
@Singleton
public class EnrolmentTokens {

  /** Whether a presented token may enrol a device now, and if so which token of which template. */
  public record Admission(String tokenId, String templateId, String refusal) {
    static Admission granted(EnrolmentToken token) {
      return new Admission(token.id(), token.templateId(), null);
    }

    static Admission refused(String why) {
      return new Admission(null, null, why);
    }

    public boolean admitted() {
      return refusal == null;
    }
  }

  private final EnrolmentTokenRepository tokens;
  private final TemplateService templates;
  private final Clock clock;

  EnrolmentTokens(EnrolmentTokenRepository tokens, TemplateService templates, Clock clock) {
    this.tokens = tokens;
    this.templates = templates;
    this.clock = clock;
  }

  /** A new token of {@code templateId}; the answer holds the token itself, which is not stored. */
  public EnrolmentTokenView create(String templateId, EnrolmentTokenRequest request, String actor) {
    templates.get(templateId);
    String name = Ids.requireName(request.name(), "name", 100);
    Instant now = clock.instant();
    Instants.inRange(request.expiresAt(), "expiresAt");
    if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
      throw Refusal.invalid("expiresAt", "expiresAt must be in the future");
    }
    if (request.maxUses() != null && request.maxUses() < 1) {
      throw Refusal.invalid("maxUses", "maxUses must be at least 1 (leave it out for no limit)");
    }
    String secret = Enrolment.TOKEN_PREFIX + SecretFiles.token(32);
    EnrolmentToken token = new EnrolmentToken(Ids.newId(), templateId, name, sha256(secret),
        secret.substring(0, Enrolment.TOKEN_PREFIX.length() + 6), now, actor, request.expiresAt(), request.maxUses(), 0, null, null);
    return EnrolmentTokenView.of(tokens.save(token), now, secret);
  }

  /** Every token of a template, revoked ones included, oldest first. */
  public List<EnrolmentTokenView> list(String templateId) {
    templates.get(templateId);
    Instant now = clock.instant();
    return tokens.findByTemplateIdOrderByCreatedAt(templateId).stream().map(t -> EnrolmentTokenView.of(t, now, null)).toList();
  }

  /** Revokes a token of the template at once; devices it enrolled keep their credentials. Revoking twice is harmless. */
  public EnrolmentTokenView revoke(String templateId, String tokenId) {
    EnrolmentToken token = tokens.findById(tokenId).filter(t -> t.templateId().equals(templateId))
        .orElseThrow(() -> Refusal.notFound("enrolment token of template '" + templateId + "'", tokenId));
    Instant now = clock.instant();
    tokens.revoke(tokenId, now);
    return EnrolmentTokenView.of(tokens.findById(tokenId).orElse(token), now, null);
  }

  /** Whether {@code presented} may enrol a device now (checked at CONNECT; counted only by {@link #consume}). Blocking. */
  public Admission admit(String presented) {
    if (presented == null || !presented.startsWith(Enrolment.TOKEN_PREFIX)) {
      return Admission.refused("the password is not an enrolment token");
    }
    Optional<EnrolmentToken> found = tokens.findByTokenHash(sha256(presented));
    if (found.isEmpty()) {
      return Admission.refused("no such enrolment token");
    }
    EnrolmentToken token = found.get();
    EnrolmentToken.State state = token.stateAt(clock.instant());
    return state == EnrolmentToken.State.ACTIVE
        ? Admission.granted(token)
        : Admission.refused("enrolment token '" + token.id() + "' (" + token.name() + ") is " + state.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
  }

  /**
   * Counts one enrolment with the token, if it is still usable now; returns its template then. Atomic (one conditional
   * UPDATE): of devices racing for a token's last use exactly one gets it. Call it in the transaction that registers
   * the device, so a registration that fails gives the use back. Blocking.
   */
  public Optional<String> consume(String tokenId) {
    if (tokens.consume(tokenId, clock.instant()) != 1) {
      return Optional.empty();
    }
    return tokens.findById(tokenId).map(EnrolmentToken::templateId);
  }

  static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
