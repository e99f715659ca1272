package io.fleetjobs.app.common;

import io.fleetjobs.app.api.ApiException;
import io.fleetjobs.contract.Checks;
import java.util.UUID;

/** Identifiers of operator-named things (templates, devices, sets) follow the contract's id rule. */
public final class Ids {

  private Ids() {}

  public static String require(String id, String field) {
    if (id == null || id.isBlank()) {
      throw ApiException.invalid(field, field + " is required");
    }
    if (!Checks.ID.matcher(id).matches()) {
      throw ApiException.invalid(field, field + " must be 1-128 characters of letters, digits, '.', '_', ':' or '-'");
    }
    return id;
  }

  public static String requireName(String name, String field, int max) {
    if (name == null || name.isBlank()) {
      throw ApiException.invalid(field, field + " is required");
    }
    if (name.length() > max) {
      throw ApiException.invalid(field, field + " must be at most " + max + " characters");
    }
    return name;
  }

  public static String optionalText(String text, String field, int max) {
    if (text != null && text.length() > max) {
      throw ApiException.invalid(field, field + " must be at most " + max + " characters");
    }
    return text;
  }

  public static String newId() {
    return UUID.randomUUID().toString();
  }
}
