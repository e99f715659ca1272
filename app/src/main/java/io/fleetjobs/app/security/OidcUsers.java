package io.fleetjobs.app.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.token.response.DefaultOpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdClaims;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdTokenResponse;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Turns a user the OpenID Connect provider signed in into a Fleet Jobs user: found by user name or created (without a
 * password of ours) on first sign-in, with the role the provider's groups map to ({@link OidcConfig}); without a
 * mapping, a user an admin created keeps their role, and anyone else gets {@code default-role} or is refused. A
 * disabled user stays out.
 */
@Singleton
@Replaces(DefaultOpenIdAuthenticationMapper.class)
class OidcUsers implements OpenIdAuthenticationMapper {

  private static final Logger LOG = LoggerFactory.getLogger(OidcUsers.class);

  private final UserService users;
  private final OidcConfig config;

  OidcUsers(UserService users, OidcConfig config) {
    this.users = users;
    this.config = config;
  }

  @Override
  public Publisher<AuthenticationResponse> createAuthenticationResponse(String provider, OpenIdTokenResponse tokens, OpenIdClaims claims,
      State state) {
    return Mono.fromCallable(() -> map(provider, claims.getClaims())).subscribeOn(Schedulers.boundedElastic());
  }

  AuthenticationResponse map(String provider, Map<String, Object> claims) {
    Object name = claims.get(config.usernameClaim());
    if (!(name instanceof String username) || !UserService.USERNAME.matcher(username).matches()) {
      return AuthenticationResponse.failure("the provider's token has no usable '" + config.usernameClaim() + "' claim");
    }
    Optional<Role> mapped = config.roleOf(values(claims, config.rolesClaim()));
    Optional<User> existing = users.find(username);
    Role role = mapped.or(() -> existing.map(User::role)).or(() -> Optional.ofNullable(config.defaultRole()).map(Role::of)).orElse(null);
    if (role == null) {
      LOG.warn("Refused the sign-in of '{}' through {}: no role maps to its '{}'", username, provider, config.rolesClaim());
      return AuthenticationResponse.failure("no Fleet Jobs role for this user");
    }
    String displayName = claims.get(OpenIdClaims.CLAIMS_NAME) instanceof String n && !n.isBlank() ? n : username;
    User user = existing.isEmpty()
        ? users.createExternal(username, displayName, role)
        : existing.get().role() != role ? users.update(username, new UserUpdate(null, role.wireName(), null)) : existing.get();
    if (user.disabled()) {
      return AuthenticationResponse.failure("this user is disabled");
    }
    return AuthenticationResponse.success(username, user.role().granted(), Map.of("provider", provider));
  }

  /** The strings at a dotted path of the claims: a list of strings, or one string. */
  @SuppressWarnings("unchecked")
  static Collection<String> values(Map<String, Object> claims, String path) {
    Object node = claims;
    for (String part : path.split("\\.")) {
      if (!(node instanceof Map<?, ?> map)) {
        return List.of();
      }
      node = map.get(part);
    }
    if (node instanceof Collection<?> list) {
      return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    return node instanceof String s ? List.of(s) : List.of();
  }
}
