package io.fleetjobs.app.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * How users of an OpenID Connect provider (Keycloak, say) become Fleet Jobs users ({@code fleet.security.oidc.*}).
 * The provider itself is Micronaut's {@code micronaut.security.oauth2.clients.<name>} (issuer, client id, secret).
 *
 * @param usernameClaim the ID token claim that is the user name (default {@code preferred_username})
 * @param rolesClaim the claim listing the user's groups or roles, a dotted path into nested objects allowed (default
 *     {@code roles}; Keycloak's realm roles are {@code realm_access.roles})
 * @param adminValues values of {@code rolesClaim} that make a user admin (default: none)
 * @param operatorValues values that make a user operator (default: none)
 * @param viewerValues values that make a user viewer (default: none)
 * @param defaultRole the role of a user none of whose values matches (default: none, such a user may sign in only
 *     when an admin created them in Fleet Jobs first, with a role)
 */
@ConfigurationProperties("fleet.security.oidc")
public record OidcConfig(
    @Bindable(defaultValue = "preferred_username") String usernameClaim,
    @Bindable(defaultValue = "roles") String rolesClaim,
    @Nullable List<String> adminValues,
    @Nullable List<String> operatorValues,
    @Nullable List<String> viewerValues,
    @Nullable String defaultRole) {

  public OidcConfig {
    adminValues = adminValues == null ? List.of() : List.copyOf(adminValues);
    operatorValues = operatorValues == null ? List.of() : List.copyOf(operatorValues);
    viewerValues = viewerValues == null ? List.of() : List.copyOf(viewerValues);
    if (defaultRole != null) {
      try {
        Role.of(defaultRole);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("fleet.security.oidc.default-role is viewer, operator or admin, not '" + defaultRole + "'");
      }
    }
  }

  /** The highest role the claim's values grant, if any. */
  java.util.Optional<Role> roleOf(java.util.Collection<String> values) {
    if (values.stream().anyMatch(adminValues::contains)) {
      return java.util.Optional.of(Role.ADMIN);
    }
    if (values.stream().anyMatch(operatorValues::contains)) {
      return java.util.Optional.of(Role.OPERATOR);
    }
    if (values.stream().anyMatch(viewerValues::contains)) {
      return java.util.Optional.of(Role.VIEWER);
    }
    return java.util.Optional.empty();
  }
}
