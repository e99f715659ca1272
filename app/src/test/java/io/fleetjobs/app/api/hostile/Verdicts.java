package io.fleetjobs.app.api.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetjobs.app.api.hostile.Case.Expect;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What every answer to a generated request must be: 2xx, or 4xx as problem+json whose {@code detail} (and field
 * errors) say what is wrong in the API's words, name the field at fault, never a Java type, and stay short and free
 * of the characters a terminal or a browser would act on.
 */
final class Verdicts {

  /** Java's and the framework's words: a message holding one leaks the implementation. */
  static final Pattern JAVA_WORDS = Pattern.compile(
      "java\\.|javax\\.|jakarta\\.|io\\.fleetjobs|io\\.micronaut|com\\.fasterxml|reactor\\.|Optional|\\bInteger\\b|\\bLong\\b"
          + "|\\bString\\b|\\bBoolean\\b|\\bMap\\b|HashMap|Exception|\\bnull\\b pointer|JsonNode|\\[Source|StreamReadConstraints"
          + "|Required Body|Required argument|Failed to convert|argument \\[|\\bRecord\\b|\\bclass\\b");

  /** The longest detail or field message a refusal may have. */
  static final int MAX_MESSAGE = 600;

  private static final ObjectMapper JSON = new ObjectMapper();

  private Verdicts() {}

  static void check(Case c, RawClient.Reply r) {
    assertThat(r.status() / 100).as("status class of %s, answered %s", c, r).isIn(2, 4);
    assertThat(JAVA_WORDS.matcher(r.text()).find()).as("Java words in the answer to %s: %s", c, r).isFalse();
    if (r.status() >= 400) {
      problem(c, r);
    }
    if (c.expect() == Expect.ACCEPT) {
      assertThat(r.status()).as("%s must be accepted, answered %s", c, r).isBetween(200, 299);
    } else if (c.expect().refused()) {
      assertThat(r.status()).as("%s must be refused, answered %s", c, r).isBetween(400, 499);
    }
    // a refusal of what was sent names the field; others (401 for a wrong password, 404, 409) need not, or must not
    if ((r.status() == 400 || r.status() == 422) && c.field() != null && c.expect() == Expect.REFUSE) {
      assertThat(namesField(r.json(), c.field())).as("the refusal of %s names %s: %s", c, c.field(), r).isTrue();
    }
  }

  /** A refusal is problem+json with its status, a title, and a short, safe detail. */
  static void problem(Case c, RawClient.Reply r) {
    assertThat(r.contentType()).as("content type of %s, answered %s", c, r).startsWith("application/problem+json");
    JsonNode p = r.json();
    assertThat(p).as("problem of %s: %s", c, r).isNotNull();
    assertThat(p.path("status").asInt()).as("status in the problem of %s", c).isEqualTo(r.status());
    assertThat(p.path("title").asText()).as("title in the problem of %s", c).isNotBlank();
    String detail = p.path("detail").asText("");
    assertThat(detail).as("detail of %s: %s", c, r).isNotBlank();
    safe(c, detail, r);
    for (JsonNode error : p.path("errors")) {
      safe(c, error.path("field").asText(""), r);
      safe(c, error.path("message").asText(""), r);
    }
  }

  /** Short, and none of the characters names may not hold: an echo of hostile input is escaped. */
  static void safe(Case c, String message, RawClient.Reply r) {
    assertThat(message.length()).as("length of a message answering %s: %s", c, r).isLessThanOrEqualTo(MAX_MESSAGE);
    message.codePoints().forEach(cp -> assertThat(unsafe(cp))
        .as("U+%04X in a message answering %s: %s", cp, c, r).isFalse());
  }

  static boolean unsafe(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.SURROGATE || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT && cp != 0x200c && cp != 0x200d;
  }

  /** Whether a problem names {@code field}: a field error on it or inside it, or a detail that quotes it. */
  static boolean namesField(JsonNode problem, String field) {
    if (problem == null) {
      return false;
    }
    for (JsonNode error : problem.path("errors")) {
      String named = error.path("field").asText("");
      if (named.equals(field) || named.startsWith(field + ".") || named.startsWith(field + "[")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Text fields sent in an accepted body come back as sent, in the answer and when read again: nothing dropped,
   * replaced or normalized.
   */
  static void roundTrips(Case c, JsonNode answer, List<String> fields) {
    JsonNode sent = parse(c);
    if (sent == null || !sent.isObject() || answer == null) {
      return;
    }
    for (String f : fields) {
      JsonNode value = sent.get(f);
      if (value != null && value.isTextual()) {
        assertThat(answer.path(f).asText(null)).as("%s of %s read back", f, c).isEqualTo(value.asText());
      } else if (value != null && value.isObject()) {
        value.fields().forEachRemaining(e -> {
          if (e.getValue().isTextual()) {
            assertThat(answer.path(f).path(e.getKey()).asText(null)).as("%s.%s of %s read back", f, e.getKey(), c)
                .isEqualTo(e.getValue().asText());
          }
        });
      }
    }
  }

  static JsonNode parse(Case c) {
    try {
      return JSON.readTree(c.body());
    } catch (IOException e) {
      return null;
    }
  }
}
