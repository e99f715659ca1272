package io.fleetjobs.app.audit;

import io.fleetjobs.app.api.PageQuery;
import io.fleetjobs.app.common.Instants;
import io.fleetjobs.app.common.Refusal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The filters of {@code GET /api/audit}, each optional: {@code actor} (exact user name), {@code action} (contained in
 * the method and route, case-insensitive: {@code POST /api/jobs}, {@code /run}), {@code outcome} as a status range,
 * {@code from} (inclusive) and {@code to} (exclusive).
 */
record AuditQuery(String actor, String action, int minStatus, int maxStatus, Instant from, Instant to, PageQuery page) {

  static AuditQuery of(String actor, String action, String outcome, String from, String to, Integer page, Integer size) {
    int[] statuses = statuses(outcome);
    Instant since = instant(from, "from");
    Instant until = instant(to, "to");
    if (since != null && until != null && !since.isBefore(until)) {
      throw Refusal.invalid("to", "to must be after from");
    }
    return new AuditQuery(blankToNull(actor), blankToNull(action), statuses[0], statuses[1], since, until, PageQuery.of(page, size));
  }

  /** {@code success}: 1xx-3xx, {@code refused}: 4xx, {@code error}: 5xx, or one status code. */
  private static int[] statuses(String outcome) {
    if (outcome == null || outcome.isBlank()) {
      return new int[] {100, 599};
    }
    switch (outcome.toLowerCase(Locale.ROOT)) {
      case "success":
        return new int[] {100, 399};
      case "refused":
        return new int[] {400, 499};
      case "error":
        return new int[] {500, 599};
      default:
        try {
          int code = Integer.parseInt(outcome);
          if (code >= 100 && code <= 599) {
            return new int[] {code, code};
          }
        } catch (NumberFormatException e) {
          // refused below
        }
        throw Refusal.invalid("outcome", "outcome is success, refused, error or a status code from 100 to 599, not '" + outcome + "'");
    }
  }

  private static Instant instant(String text, String field) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instants.inRange(Instant.parse(text), field);
    } catch (DateTimeParseException e) {
      throw Refusal.invalid(field, field + " must be an ISO-8601 instant such as 2026-01-31T09:00:00Z, not '" + text + "'");
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
