package io.fleetjobs.contract.arbitrary;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * A message derived from a valid one by one breakage, with the answer the contract gives it.
 *
 * @param kind the kind of breakage ({@link Breakage})
 * @param what what was done, for the report of a failing try
 * @param json the document, or null when the bytes are not a JSON document at all
 * @param payload the bytes to send
 */
public record Broken(Class<?> type, Breakage kind, String what, JsonNode json, byte[] payload, Expected expected) {

  static Broken of(Class<?> type, Breakage kind, String what, JsonNode json, Expected expected) {
    return new Broken(type, kind, what, json, json.toString().getBytes(StandardCharsets.UTF_8), expected);
  }

  static Broken bytes(Class<?> type, Breakage kind, String what, byte[] payload) {
    return new Broken(type, kind, what, null, payload, Expected.refused(io.fleetjobs.contract.ErrorCode.MALFORMED_JSON, null));
  }

  @Override
  public String toString() {
    String shown = json != null ? json.toString() : new String(payload, StandardCharsets.ISO_8859_1);
    return type.getSimpleName() + " " + kind + " (" + what + ") -> " + expected + ": "
        + (shown.length() > 300 ? shown.substring(0, 300) + "…" : shown);
  }
}
