package io.fleetjobs.app.api.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Plain HTTP to the service, byte for byte: the JDK's client, which leaves bodies, paths and query strings as the
 * test writes them (Micronaut's client would encode or refuse some). Signed in with a bearer token when it has one.
 */
final class RawClient {

  /** An answer: status, content type, body as text, and as JSON when it is JSON. */
  record Reply(int status, String contentType, String text, JsonNode json, String location) {
    @Override
    public String toString() {
      String shown = text.length() > 600 ? text.substring(0, 600) + "…" : text;
      return status + " " + contentType + " " + shown;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String bearer;

  RawClient(String base, String bearer) {
    this.base = base;
    this.bearer = bearer;
  }

  RawClient withBearer(String token) {
    return new RawClient(base, token);
  }

  Reply send(Case c) {
    return send(c.method(), c.path(), c.contentType(), c.body());
  }

  Reply get(String pathAndQuery) {
    return send("GET", pathAndQuery, null, null);
  }

  Reply send(String method, String pathAndQuery, String contentType, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      String text = new String(response.body(), StandardCharsets.UTF_8);
      return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), text, parse(text),
          response.headers().firstValue("Location").orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + pathAndQuery, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  /** A path segment or query value percent-encoded as UTF-8 (a lone surrogate as the bytes Java would give it). */
  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
        out.append(c);
      } else if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1)))) {
        out.append("%ED%A0%80"); // what a lone surrogate would be in CESU-8: not UTF-8
      } else {
        int cp = value.codePointAt(i);
        if (Character.isSupplementaryCodePoint(cp)) {
          i++;
        }
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(String.format("%02X", b & 0xff));
        }
      }
    }
    return out.toString();
  }
}
