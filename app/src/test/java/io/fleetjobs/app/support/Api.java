package io.fleetjobs.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.fleetjobs.app.support.openapi.DocumentedResponses;
import java.util.List;

/**
 * A small JSON client for tests: every call returns status and body, errors included. It signs in like a script
 * would: a bearer token from {@code POST /api/auth/login}, sent on every call.
 */
public final class Api {

  /** The password tests give the first start's admin ({@code fleet.security.initial-admin-password}). */
  public static final String ADMIN_PASSWORD = "test-admin-password";

  /** An HTTP answer: status, content type and parsed JSON body. */
  public record Answer(int status, String contentType, JsonNode body) {}

  private final BlockingHttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final String token;

  /** Not signed in: every call goes without credentials. */
  public Api(BlockingHttpClient http) {
    this(http, null);
  }

  private Api(BlockingHttpClient http, String token) {
    this.http = http;
    this.token = token;
  }

  /** Signed in as the first start's admin. */
  public static Api asAdmin(BlockingHttpClient http) {
    return signIn(http, "admin", ADMIN_PASSWORD);
  }

  /** Signed in as {@code username}; fails the test if the sign-in is refused. */
  public static Api signIn(BlockingHttpClient http, String username, String password) {
    Answer answer = new Api(http).post("/api/auth/login", "{\"username\": \"%s\", \"password\": \"%s\"}".formatted(username, password));
    if (answer.status() != 200) {
      throw new IllegalStateException("sign-in of " + username + " refused: " + answer);
    }
    return new Api(http, answer.body().get("accessToken").asText());
  }

  /** The same client with another bearer token (an API token, say). */
  public Api withToken(String bearer) {
    return new Api(http, bearer);
  }

  /** A user of {@code role} created by this (admin) client, signed in. */
  public Api newUser(String username, String role) {
    Answer created = post("/api/users", "{\"username\": \"%s\", \"role\": \"%s\", \"password\": \"%s\"}"
        .formatted(username, role, ADMIN_PASSWORD));
    if (created.status() != 201) {
      throw new IllegalStateException("user " + username + " not created: " + created);
    }
    return signIn(http, username, ADMIN_PASSWORD);
  }

  /** How many devices of a device set (of at most 1000) are online now. */
  public long onlineIn(String setId) {
    JsonNode page = get("/api/device-sets/" + setId + "/devices?size=1000").body();
    long online = 0;
    for (JsonNode device : page.get("items")) {
      online += "ONLINE".equals(device.path("presence").asText()) ? 1 : 0;
    }
    return online;
  }

  public String token() {
    return token;
  }

  public Answer get(String path) {
    return call(HttpRequest.GET(path));
  }

  public Answer post(String path, String body) {
    return call(HttpRequest.POST(path, body).contentType("application/json"));
  }

  public Answer post(String path) {
    return call(HttpRequest.POST(path, "").contentType("application/json"));
  }

  public Answer delete(String path) {
    return call(HttpRequest.DELETE(path));
  }

  /** A non-JSON answer: status and body as text. */
  public record Text(int status, String contentType, String body) {}

  /** A GET whose answer is not JSON (CSV, metrics, YAML, HTML). */
  public Text text(String path) {
    return text(HttpRequest.GET(path));
  }

  /** Any request whose answer is not JSON, signed in as this client. */
  public Text text(io.micronaut.http.MutableHttpRequest<?> request) {
    if (token != null) {
      request.bearerAuth(token);
    }
    try {
      HttpResponse<String> response = http.exchange(request, String.class);
      return new Text(response.getStatus().getCode(), response.getContentType().map(Object::toString).orElse(null), response.body());
    } catch (HttpClientResponseException e) {
      return new Text(e.getStatus().getCode(), e.getResponse().getContentType().map(Object::toString).orElse(null),
          e.getResponse().getBody(String.class).orElse(null));
    }
  }

  public Answer put(String path, String body) {
    return call(HttpRequest.PUT(path, body).contentType("application/json"));
  }

  public Answer patch(String path, String body) {
    return call(HttpRequest.PATCH(path, body).contentType("application/json"));
  }

  /** Any request, signed in as this client. */
  public Answer call(io.micronaut.http.MutableHttpRequest<?> request) {
    if (token != null) {
      request.bearerAuth(token);
    }
    try {
      HttpResponse<String> response = http.exchange(request, String.class);
      return conforming(request, answer(response));
    } catch (HttpClientResponseException e) {
      return conforming(request, answer(e.getResponse()));
    }
  }

  private Answer answer(HttpResponse<?> response) {
    String body = response.getBody(String.class).orElse(null);
    try {
      return new Answer(response.getStatus().getCode(), response.getContentType().map(Object::toString).orElse(null),
          body == null || body.isEmpty() ? null : json.readTree(body));
    } catch (Exception e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }

  /**
   * With {@code fleet.openapi.check-answers=true}, every JSON answer a test gets is checked against the served
   * OpenAPI document and a mismatch fails the test. On for the component tests (Surefire, app/pom.xml); the
   * integration tests check only with {@code -Dfleet.openapi.check-answers=true}.
   */
  private static Answer conforming(io.micronaut.http.HttpRequest<?> request, Answer answer) {
    if (!Boolean.getBoolean("fleet.openapi.check-answers")) {
      return answer;
    }
    List<String> mismatches = DocumentedResponses.served()
        .mismatches(request.getMethodName(), request.getPath(), answer.status(), answer.contentType(), answer.body());
    if (!mismatches.isEmpty()) {
      throw new AssertionError("the answer does not match the OpenAPI document: " + mismatches);
    }
    return answer;
  }
}
