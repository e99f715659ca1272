package io.fleetjobs.app.common;

import io.fleetjobs.contract.Checks;
import java.util.UUID;

/**
 * Identifiers of operator-named things (templates, devices, sets) follow the contract's id rule; their names and
 * descriptions follow {@link Text}'s rule.
 */
public final class Ids {

  /** The contract's id rule, as the API's documentation gives it. */
  public static final String ID_PATTERN = "^[A-Za-z0-9._:-]{1,128}$";

  /** The contract's rule for names of properties, settings, commands, parameters and attributes. */
  public static final String KEY_PATTERN = "^[A-Za-z][A-Za-z0-9_-]{0,63}$";

  /** What the documentation says of a display name of at most 200 characters. */
  public static final String NAME_200 = "1-200 characters (UTF-16 units: most emoji count two); " + Text.RULE;

  /** What the documentation says of a display name of at most 100 characters. */
  public static final String NAME_100 = "1-100 characters (UTF-16 units: most emoji count two); " + Text.RULE;

  /** What the documentation says of a description of at most 2000 characters. */
  public static final String DESCRIPTION_2000 = "at most 2000 characters; tab, line feed and carriage return allowed; otherwise " + Text.RULE;

  private Ids() {}

  public static String require(String id, String field) {
    if (id == null || id.isBlank()) {
      throw Refusal.invalid(field, field + " is required");
    }
    if (!Checks.ID.matcher(id).matches()) {
      throw Refusal.invalid(field, field + " must be 1-128 characters of letters, digits, '.', '_', ':' or '-'");
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
