package io.fleetjobs.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

/** A small JSON client for tests: every call returns status and body, errors included. */
public final class Api {

  /** An HTTP answer: status, content type and parsed JSON body. */
  public record Answer(int status, String contentType, JsonNode body) {}

  private final BlockingHttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  public Api(BlockingHttpClient http) {
    this.http = http;
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

  private Answer call(HttpRequest<?> request) {
    try {
      HttpResponse<String> response = http.exchange(request, String.class);
      return answer(response);
    } catch (HttpClientResponseException e) {
      return answer(e.getResponse());
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
}
