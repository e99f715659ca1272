package io.fleetjobs.app.api.hostile;

import java.nio.charset.StandardCharsets;

/**
 * One generated request and what the API must do with it: accept it, refuse it (naming {@code field}, when one field
 * is at fault), or either (a lenient reading is allowed, such as the number 42 for a name).
 */
record Case(String method, String path, String contentType, byte[] body, String field, Expect expect, String about) {

  /** Stands for a unique suffix in ids until {@link #fresh()} replaces it. */
  static final String UNIQUE = "UNIQ__";

  private static final java.util.concurrent.atomic.AtomicLong SENT = new java.util.concurrent.atomic.AtomicLong(36 * 36 * 36 * 36 * 36);

  enum Expect {
    ACCEPT,
    /** Refused, naming the case's field. */
    REFUSE,
    /** Refused; the field may not be named (a parser's limit, met before the field is read). */
    REFUSE_BODY,
    EITHER;

    boolean refused() {
      return this == REFUSE || this == REFUSE_BODY;
    }
  }

  static Case json(String method, String path, String json, String field, Expect expect, String about) {
    return new Case(method, path, "application/json", json.getBytes(StandardCharsets.UTF_8), field, expect, about);
  }

  /** This case with each {@link #UNIQUE} replaced by six characters no earlier one had. */
  Case fresh() {
    String text = bodyText();
    if (body == null || !text.contains(UNIQUE)) {
      return this;
    }
    StringBuilder out = new StringBuilder(text);
    for (int at = out.indexOf(UNIQUE); at >= 0; at = out.indexOf(UNIQUE, at)) {
      out.replace(at, at + UNIQUE.length(), Long.toString(SENT.incrementAndGet(), 36));
    }
    return new Case(method, path, contentType, out.toString().getBytes(StandardCharsets.UTF_8), field, expect, about);
  }

  boolean changes() {
    return !method.equals("GET");
  }

  String bodyText() {
    return body == null ? "" : new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    String text = bodyText();
    String shown = text.length() > 400 ? text.substring(0, 400) + "…(" + text.length() + " characters)" : text;
    return about + " [expect " + expect + (field == null ? "" : " on " + field) + "]: " + method + " " + path
        + (contentType == null ? "" : " (" + contentType + ")") + " " + shown;
  }
}
