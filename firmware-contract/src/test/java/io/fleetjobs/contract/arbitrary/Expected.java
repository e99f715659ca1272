package io.fleetjobs.contract.arbitrary;

import io.fleetjobs.contract.ErrorCode;

/**
 * What the contract says the service answers to a message: accepted, or refused with a code and the offending field
 * as a JSON path (null: the whole message is at fault).
 */
public record Expected(ErrorCode code, String field) {

  public static final Expected ACCEPTED = new Expected(null, null);

  public static Expected refused(ErrorCode code, String field) {
    return new Expected(code, field);
  }

  public boolean accepted() {
    return code == null;
  }

  @Override
  public String toString() {
    return accepted() ? "accepted" : code + (field == null ? "" : " " + field);
  }
}
