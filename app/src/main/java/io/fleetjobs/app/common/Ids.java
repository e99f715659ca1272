package io.fleetjobs.app.common;

import io.fleetjobs.app.api.ApiException;
import io.fleetjobs.contract.Checks;
import java.util.UUID;

/**
 * Identifiers of operator-named things (templates, devices, sets) follow the contract's id rule; their names and
 * descriptions follow {@link Text}'s rule.
 */
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
    return Text.requireName(name, field, max);
  }

  public static String optionalText(String text, String field, int max) {
    return Text.optionalDescription(text, field, max);
  }

  public static String newId() {
    return UUID.randomUUID().toString();
  }
}
