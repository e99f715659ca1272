package io.fleetjobs.app.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * What an operator may do. Each role includes the ones below it: an admin is also an operator and a viewer, so an
 * endpoint names the least role it needs ({@code @Secured(Role.OPERATOR_NAME)}).
 *
 * <ul>
 *   <li>{@link #VIEWER}: reads everything (templates, devices, sets, jobs and their results, the audit log, metrics)
 *   <li>{@link #OPERATOR}: also creates, runs, stops, copies and deletes jobs and manages device sets
 *   <li>{@link #ADMIN}: also manages templates, devices and their credentials, enrolment tokens, users and every
 *       user's API tokens
 * </ul>
 */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  public static final String VIEWER_NAME = "viewer";
  public static final String OPERATOR_NAME = "operator";
  public static final String ADMIN_NAME = "admin";

  /** The name on the wire and in tokens: lower case. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role names an authenticated user of this role holds: its own and every role below it. */
  public List<String> granted() {
    return java.util.Arrays.stream(values()).filter(r -> r.ordinal() <= ordinal()).map(Role::wireName).toList();
  }

  /** Whether this role includes {@code other}. */
  public boolean includes(Role other) {
    return ordinal() >= other.ordinal();
  }

  /** The highest role among granted role names; VIEWER's absence means none. */
  public static java.util.Optional<Role> highest(java.util.Collection<String> names) {
    Role best = null;
    for (Role r : values()) {
      if (names.contains(r.wireName())) {
        best = r;
      }
    }
    return java.util.Optional.ofNullable(best);
  }

  @JsonCreator
  public static Role of(String name) {
    for (Role r : values()) {
      if (r.wireName().equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("role is one of viewer, operator, admin");
  }
}
