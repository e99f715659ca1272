package io.fleetjobs.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.ComponentTest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** The REST API takes request bodies of up to 16 MiB (the defaults), and answers a bigger one 413 as problem+json. */
@MicronautTest(transactional = false)
class RequestBodyLimitTest extends ComponentTest {

  private static final int LIMIT = 16 * 1024 * 1024;

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  EmbeddedServer server;

  @Test
  void aBodyOverTheLimitIsAnswered413AsProblemJsonNamingTheLimit() {
    Api api = Api.asAdmin(client.toBlocking());
    String body = "[" + " ".repeat(LIMIT - 1) + "]";
    Api.Answer answer = api.call(io.micronaut.http.HttpRequest.POST("/api/devices/bulk", body).contentType("application/json"));
    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.body().get("status").asInt()).isEqualTo(413);
    assertThat(answer.body().get("detail").asText()).contains("16777216 bytes", "micronaut.server.max-request-size");
  }

  @Test
  void aBodySentInChunksWithoutALengthIsRefusedAtTheLimitTooAndOneNotSignedInIsRefusedBeforeItsBodyMatters() throws Exception {
    String token = Api.asAdmin(client.toBlocking()).token();
    assertThat(streamed(token).statusCode()).isEqualTo(413);
    assertThat(streamed(token).body()).contains("micronaut.server.max-request-size");
    assertThat(streamed(null).statusCode()).isEqualTo(401);
  }

  /** 17 MiB of spaces streamed to the bulk registration with no Content-Length, signed in with {@code token} or not. */
  private HttpResponse<String> streamed(String token) throws Exception {
    var body = HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.InputStream() {
      private long left = LIMIT + 1024 * 1024;

      @Override
      public int read() {
        return left-- > 0 ? ' ' : -1;
      }
    });
    var request = HttpRequest.newBuilder(server.getURI().resolve("/api/devices/bulk")).header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return java.net.http.HttpClient.newHttpClient().send(request.POST(body).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aBulkRegistrationOf100000DevicesInTheBenchsFormFitsWithRoomToSpare() {
    String row = "{\"id\":\"bench-gw-0000-c-0000\",\"template\":\"bench-device\",\"attributes\":{\"bench\":\"x\"},"
        + "\"transport\":\"MQTT\",\"gatewayId\":\"bench-gw-0000\"}";
    String bulk = "[" + String.join(",", Collections.nCopies(100_000, row)) + "]";
    assertThat(bulk.length()).isEqualTo(13_000_001).isLessThan(LIMIT * 8 / 10);
  }
}
