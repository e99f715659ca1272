package io.fleetjobs.app.security;

import io.fleetjobs.app.api.ProblemAnswers;
import io.fleetjobs.app.common.Refusal;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;

/**
 * Long-lived API tokens for scripts ({@code Authorization: Bearer fjt_...}). Every user manages their own; admins
 * see and revoke everyone's. A token acts with its owner's role.
 */
@ProblemAnswers
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "bearer")
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "session")
@Controller("/api/tokens")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "API tokens", description = "Long-lived tokens for scripts, listable and revocable")
class ApiTokenController {

  private final ApiTokens tokens;

  ApiTokenController(ApiTokens tokens) {
    this.tokens = tokens;
  }

  /** One's own tokens; an admin may ask for one user's ({@code username}) or everyone's ({@code all=true}). */
  @Operation(operationId = "listApiTokens", summary = "Lists API tokens")
  @Get
  List<ApiTokenView> list(@Nullable @QueryValue String username, @Nullable @QueryValue Boolean all, Authentication authentication) {
    boolean admin = isAdmin(authentication);
    if ((username != null && !username.equals(authentication.getName()) || Boolean.TRUE.equals(all)) && !admin) {
      throw Refusal.forbidden("only an admin may list other users' API tokens");
    }
    List<ApiToken> found = Boolean.TRUE.equals(all) ? tokens.all() : tokens.of(username == null ? authentication.getName() : username);
    return found.stream().map(ApiTokenView::of).toList();
  }

  /** A new token of the signed-in user; the answer holds the token, shown this once. */
  @Operation(operationId = "createApiToken", summary = "Creates an API token of the signed-in user, shown this once")
  @Post
  @Status(HttpStatus.CREATED) // what HttpResponse.created answers; read by the OpenAPI document
  HttpResponse<ApiTokenView> create(@Body ApiTokenRequest request, Authentication authentication) {
    if (ApiTokenValidator.KIND_API_TOKEN.equals(authentication.getAttributes().get(SignIns.CLAIM_KIND))) {
      // a leaked token must not be able to mint tokens that outlive its revocation
      throw Refusal.forbidden("an API token cannot create API tokens; sign in with a password");
    }
    ApiTokenView view = tokens.create(authentication.getName(), request);
    return HttpResponse.created(view, URI.create("/api/tokens/" + view.id()));
  }

  /** Revokes a token at once; it stays listed with the time it was revoked. */
  @Operation(operationId = "revokeApiToken", summary = "Revokes an API token")
  @Delete("/{id}")
  ApiTokenView revoke(String id, Authentication authentication) {
    return ApiTokenView.of(tokens.revoke(id, authentication.getName(), isAdmin(authentication)));
  }

  private static boolean isAdmin(Authentication authentication) {
    return authentication.getRoles().contains(Role.ADMIN_NAME);
  }
}
