package io.fleetjobs.app.enrolment;

import io.fleetjobs.app.api.ProblemAnswers;
import io.fleetjobs.app.security.Role;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;

/**
 * A template's enrolment tokens (admins only): a device that knows one connects once to the embedded broker with it,
 * is registered under the template and receives its own credential (the firmware contract's "Security" section).
 * The token is in the answer that created it and nowhere else.
 */
@ProblemAnswers
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "bearer")
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "session")
@Controller("/api/templates/{templateId}/enrolment-tokens")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Role.ADMIN_NAME)
@Tag(name = "Templates", description = "Kinds of devices: typed properties, settings and commands")
class EnrolmentTokenController {

  private final EnrolmentTokens tokens;

  EnrolmentTokenController(EnrolmentTokens tokens) {
    this.tokens = tokens;
  }

  /** A new token; {@code token} in the answer is the token itself ({@code fje_...}), shown this once. */
  @Operation(operationId = "createEnrolmentToken", summary = "Creates an enrolment token of the template, shown this once")
  @Post
  @Status(HttpStatus.CREATED) // what HttpResponse.created answers; read by the OpenAPI document
  HttpResponse<EnrolmentTokenView> create(String templateId, @Body EnrolmentTokenRequest request, Authentication authentication) {
    EnrolmentTokenView view = tokens.create(templateId, request, authentication.getName());
    return HttpResponse.created(view, URI.create("/api/templates/" + templateId + "/enrolment-tokens/" + view.id()));
  }

  /** The template's tokens with their state and how many devices each registered; never a token itself. */
  @Operation(operationId = "listEnrolmentTokens", summary = "Lists the template's enrolment tokens")
  @Get
  List<EnrolmentTokenView> list(String templateId) {
    return tokens.list(templateId);
  }

  /** Revokes a token at once: no device enrols with it any more; it stays listed with the time it was revoked. */
  @Operation(operationId = "revokeEnrolmentToken", summary = "Revokes an enrolment token")
  @Delete("/{tokenId}")
  EnrolmentTokenView revoke(String templateId, String tokenId) {
    return tokens.revoke(templateId, tokenId);
  }
}
