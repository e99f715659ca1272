package io.fleetjobs.contract;

import com.fasterxml.jackson.databind.JsonNode;

/** What the records say about a document: accepted, or refused with a code and field. Comparable in assertions. */
record Verdict(ErrorCode code, String field) {

  static final Verdict ACCEPTED = new Verdict(null, null);

  static Verdict of(Class<?> type, JsonNode json) {
    return of(type, json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static Verdict of(Class<?> type, byte[] payload) {
    try {
      ContractJson.decode(payload, type);
      return ACCEPTED;
    } catch (ContractViolation v) {
      return new Verdict(v.code(), v.field());
    }
  }

  static Verdict refused(ErrorCode code, String field) {
    return new Verdict(code, field);
  }

  boolean accepted() {
    return code == null;
  }

  @Override
  public String toString() {
    return accepted() ? "accepted" : code + (field == null ? "" : " " + field);
  }
}
