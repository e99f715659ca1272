package io.fleetjobs.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.app.common.Refusal;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The api package's mapping of a service's {@link Refusal} to a status and problem+json, without a server. */
class RefusalHandlerTest {

  private static final String PATH = "/api/jobs/nightly";

  private final ProblemResponses problems = new ProblemResponses(new HttpServerConfiguration());
  private final RefusalHandler handler = new RefusalHandler(problems);

  private HttpResponse<?> answer(Refusal refusal) {
    return handler.handle(HttpRequest.POST(PATH, ""), refusal);
  }

  private static Problem problem(HttpResponse<?> response) {
    return response.getBody(Problem.class).orElseThrow();
  }

  @Test
  void aMissingResourceAnswers404SayingWhatDoesNotExist() {
    HttpResponse<?> response = answer(Refusal.notFound("job", "nightly"));

    assertThat(response.code()).isEqualTo(404);
    assertThat(response.getContentType().map(MediaType::getName)).contains(Problem.MEDIA_TYPE);
    assertThat(problem(response))
        .isEqualTo(new Problem("about:blank", "Not Found", 404, "job 'nightly' does not exist", PATH, List.of()));
  }

  @Test
  void anInvalidFieldAnswers422NamingTheFieldAsTheApiDoes() {
    Problem problem = problem(answer(Refusal.invalid("operations[1].value", "value must be a whole number")));

    assertThat(problem.status()).isEqualTo(422);
    assertThat(problem.title()).isEqualTo("Unprocessable Entity");
    assertThat(problem.detail()).isEqualTo("value must be a whole number");
    assertThat(problem.errors()).containsExactly(new Problem.FieldError("operations[1].value", "value must be a whole number"));
  }

  @Test
  void anInvalidRequestThatNoSingleFieldCausesAnswers422WithoutFieldErrors() {
    Problem problem = problem(answer(Refusal.invalid(null, "the upload holds no device")));

    assertThat(problem.status()).isEqualTo(422);
    assertThat(problem.errors()).isEmpty();
  }

  @Test
  void aConflictAnswers409AndNamesItsFieldOnlyWhenItHasOne() {
    Problem running = problem(answer(Refusal.conflict("job 'nightly' is RUNNING; stop it before deleting it")));
    Problem taken = problem(answer(Refusal.conflict("[2].id", "device 'd-2' is already registered")));

    assertThat(running.status()).isEqualTo(409);
    assertThat(running.errors()).isEmpty();
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.errors()).containsExactly(new Problem.FieldError("[2].id", "device 'd-2' is already registered"));
  }

  @Test
  void aForbiddenRefusalAnswers403WithItsOwnDetailRatherThanTheGenericRoleMessage() {
    Problem problem = problem(answer(Refusal.forbidden("only an admin may set another user's password")));

    assertThat(problem.status()).isEqualTo(403);
    assertThat(problem.detail()).isEqualTo("only an admin may set another user's password");
  }

  @Test
  void aWrongPasswordAnswers401WithItsOwnDetailRatherThanTheSignInHint() {
    Problem problem = problem(answer(Refusal.unauthenticated("wrong user name or password")));

    assertThat(problem.status()).isEqualTo(401);
    assertThat(problem.title()).isEqualTo("Unauthorized");
    assertThat(problem.detail()).isEqualTo("wrong user name or password");
  }

  @Test
  void tooManyFailedSignInsAnswer429() {
    Problem problem = problem(answer(Refusal.tooManyRequests("too many failed sign-ins for 'ana'; try again in 15 minutes")));

    assertThat(problem.status()).isEqualTo(429);
    assertThat(problem.title()).isEqualTo("Too Many Requests");
  }

  @Test
  void aRefusalsDetailIsEscapedAndClippedLikeEveryOtherAnswer() {
    Problem problem = problem(answer(Refusal.invalid("name", "name is not '\u001b[31m'" + "x".repeat(600))));

    assertThat(problem.detail()).doesNotContain("\u001b").hasSize(ProblemResponses.MAX_MESSAGE + 1).endsWith("…");
    assertThat(problem.errors().get(0).message()).isEqualTo(problem.detail());
  }

  static Stream<Arguments> everyKind() {
    return Stream.of(
        Arguments.of(Refusal.notFound("device", "d-1"), HttpStatus.NOT_FOUND, null),
        Arguments.of(Refusal.invalid("deviceIds[3]", "device 'd-3' is listed twice"), HttpStatus.UNPROCESSABLE_ENTITY, "deviceIds[3]"),
        Arguments.of(Refusal.invalid(null, "the CSV holds no header row"), HttpStatus.UNPROCESSABLE_ENTITY, null),
        Arguments.of(Refusal.conflict("template 't' already exists"), HttpStatus.CONFLICT, null),
        Arguments.of(Refusal.conflict("id", "device 'd-1' is already registered"), HttpStatus.CONFLICT, "id"),
        Arguments.of(Refusal.forbidden("an API token cannot create API tokens; sign in with a password"), HttpStatus.FORBIDDEN, null),
        Arguments.of(Refusal.tooManyRequests("too many failed sign-ins"), HttpStatus.TOO_MANY_REQUESTS, null),
        Arguments.of(Refusal.unauthenticated("wrong user name or password"), HttpStatus.UNAUTHORIZED, null));
  }

  /** Clients see no difference from the days services threw ApiException with these statuses. */
  @ParameterizedTest(name = "{1}, field {2}")
  @MethodSource("everyKind")
  void aRefusalAnswersExactlyWhatAnApiExceptionOfItsStatusAnswered(Refusal refusal, HttpStatus status, String field) {
    ApiException before = new ApiException(status, field, refusal.getMessage());
    HttpRequest<String> request = HttpRequest.POST(PATH, "");
    HttpResponse<?> old = problems.processResponse(
        ErrorContext.builder(request).cause(before).errorMessage(before.getMessage()).build(), HttpResponse.status(status));

    HttpResponse<?> now = handler.handle(request, refusal);

    assertThat(now.code()).isEqualTo(status.getCode());
    assertThat(now.getContentType().map(MediaType::getName)).isEqualTo(old.getContentType().map(MediaType::getName));
    assertThat(problem(now)).isEqualTo(problem(old));
  }

  @Test
  void everyKindOfRefusalHasAStatusOfItsOwn() {
    assertThat(RefusalStatuses.STATUSES.keySet()).containsExactlyInAnyOrder(
        Arrays.stream(Refusal.class.getPermittedSubclasses()).map(c -> c.asSubclass(Refusal.class)).toArray(Class[]::new));
    assertThat(RefusalStatuses.STATUSES.values()).doesNotHaveDuplicates();
  }
}
