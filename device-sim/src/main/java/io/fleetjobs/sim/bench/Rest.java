package io.fleetjobs.sim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The service's REST API, as the bench uses it: JSON in and out over java.net.http, errors as exceptions, signed in
 * with a bearer token (a sign-in token or an API token) once one is set.
 */
final class Rest {

  /** An answer: status and body (JSON when the body is JSON, else null), and how long it took. */
  record Answer(int status, JsonNode json, String text, long nanos) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private volatile String bearer;

  Rest(String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** Signs in with a user name and password ({@code POST /api/auth/login}); later calls carry the token. */
  Rest signIn(String username, String password) {
    String body = JSON.createObjectNode().put("username", username).put("password", password).toString();
    bearer = ok(post("/api/auth/login", body), "sign-in of " + username).json().get("accessToken").asText();
    return this;
  }

  /** Later calls carry this bearer token (an API token, {@code fjt_...}). */
  Rest withToken(String token) {
    bearer = token;
    return this;
  }

  String bearer() {
    return bearer;
  }

  String base() {
    return base;
  }

  Answer get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  Answer post(String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
  }

  Answer delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
  }

  /** Like {@link #get} but fails on anything but 2xx. */
  JsonNode getOk(String path) {
    return ok(get(path), "GET " + path).json();
  }

  JsonNode postOk(String path, String json) {
    return ok(post(path, json), "POST " + path).json();
  }

  static Answer ok(Answer answer, String what) {
    if (answer.status() / 100 != 2) {
      throw new IllegalStateException(what + " answered " + answer.status() + ": " + answer.text());
    }
    return answer;
  }

  private Answer send(HttpRequest.Builder request) {
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    long started = System.nanoTime();
    try {
      // the purge of a million executions is one synchronous DELETE: no request timeout
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      long nanos = System.nanoTime() - started;
      String body = response.body();
      JsonNode json = null;
      if (body != null && !body.isEmpty() && (body.startsWith("{") || body.startsWith("["))) {
        try {
          json = JSON.readTree(body);
        } catch (IOException e) {
          json = null;
        }
      }
      return new Answer(response.statusCode(), json, body, nanos);
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach " + base + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
