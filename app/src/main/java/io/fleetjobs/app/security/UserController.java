package io.fleetjobs.app.security;

import io.fleetjobs.app.api.ProblemAnswers;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;

/** Users and their roles: admins manage them; every user may change their own password. */
@ProblemAnswers
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "bearer")
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "session")
@Controller("/api/users")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Role.ADMIN_NAME)
@Tag(name = "Users", description = "Who may sign in, and with which role")
class UserController {

  private final UserService users;

  UserController(UserService users) {
    this.users = users;
  }

  @Operation(operationId = "listUsers", summary = "Lists users")
  @Get
  List<UserView> list() {
    return users.list().stream().map(UserView::of).toList();
  }

  @Operation(operationId = "getUser", summary = "Reads a user")
  @Get("/{username}")
  UserView get(String username) {
    return UserView.of(users.get(username));
  }

  /** Creates a user; without a password, one is generated and answered once. */
  @Operation(operationId = "createUser", summary = "Creates a user")
  @Post
  @Status(HttpStatus.CREATED) // what HttpResponse.created answers; read by the OpenAPI document
  HttpResponse<UserView> create(@Body UserRequest request) {
    UserService.Created created = users.create(request);
    // encoded: a raw '+' in the path matches no route, so "a+b"'s Location would be a dead link
    String path = "/api/users/" + java.net.URLEncoder.encode(created.user().username(), java.nio.charset.StandardCharsets.UTF_8);
    return HttpResponse.created(UserView.of(created.user(), created.generatedPassword()), URI.create(path));
  }

  /** Changes a user's display name, role or standing; the user's sessions end when role or standing change. */
  @Operation(operationId = "updateUser", summary = "Changes a user's display name, role or standing")
  @Patch("/{username}")
  UserView update(String username, @Body UserUpdate update) {
    return UserView.of(users.update(username, update));
  }

  /**
   * Sets a password: one's own (with the current one), or anyone's as an admin (generated and answered once when
   * {@code newPassword} is absent). Every session of that user ends.
   */
  @Operation(operationId = "setUserPassword", summary = "Sets a user's password")
  @Put("/{username}/password")
  @Secured(SecurityRule.IS_AUTHENTICATED)
  UserView setPassword(String username, @Body PasswordChange change, Authentication authentication) {
    boolean admin = authentication.getRoles().contains(Role.ADMIN_NAME);
    String generated = users.setPassword(username, change, authentication.getName(), admin).orElse(null);
    return UserView.of(users.get(username), generated);
  }

  @Operation(operationId = "deleteUser", summary = "Deletes a user")
  @Delete("/{username}")
  @Status(HttpStatus.NO_CONTENT)
  void delete(String username, Authentication authentication) {
    users.delete(username, authentication.getName());
  }
}
