package io.fleetjobs.app.api.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.app.api.hostile.Case.Expect;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile query parameters and path ids for every listing and every thing by id: booleans that are not true or
 * false, numbers that are not numbers or out of range, unknown enum names, parameters no endpoint takes or given
 * twice, and ids with control characters, encoded slashes or thousands of characters. A parameter that does not
 * parse is a 400 naming it (never ignored); one in range but not allowed a 422; nothing is a 5xx.
 */
class HostileQueriesTest {

  private static HostileService service;
  private static String job;

  @BeforeContainer
  static void start() {
    service = HostileService.start();
    job = service.prepare("/api/jobs", "{\"name\": \"listed\", \"deviceSetId\": \"" + HostileService.SET + "\", \"operations\": "
        + "[{\"type\": \"SETTING\", \"name\": \"fanSpeed\", \"value\": 1}]}").json().path("id").asText();
  }

  @AfterContainer
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  /** A parameter's name, its kind, and the values the endpoint takes. */
  private record Parameter(String name, Kind kind, List<String> values) {}

  private enum Kind { PAGE, SIZE, BOOLEAN, ENUM, TEXT, OUTCOME, FROM, TO, BUCKETS }

  private static final List<String> JOB_STATUSES = List.of("PENDING", "RUNNING", "COMPLETED", "FAILED", "STOPPED");
  private static final List<String> EXECUTION_STATUSES = List.of("PENDING", "COMPLETED", "FAILED", "CANCELED");

  @Property(tries = 250)
  void everyQueryIsAnsweredOrRefusedNamingTheParameterAndNoneIsIgnored(@ForAll("queries") Case c) {
    service.judge(c);
  }

  @Property(tries = 150)
  void everyPathIdIsFoundOrA404AndNeverAFault(@ForAll("paths") Case c) {
    HostileService.Sent sent = service.judge(c);
    if (c.expect() == Expect.REFUSE) {
      // 422 only for the empty id, which leaves the collection's own route: POST /api/templates/ is POST /api/templates
      assertThat(sent.status()).as("%s: %s", sent.request(), sent.reply()).isIn(400, 404, 405, 422);
    }
  }

  @Provide
  Arbitrary<Case> queries() {
    Parameter page = new Parameter("page", Kind.PAGE, List.of());
    Parameter size = new Parameter("size", Kind.SIZE, List.of());
    Map<String, List<Parameter>> endpoints = new LinkedHashMap<>();
    endpoints.put("/api/templates", List.of(page, size));
    endpoints.put("/api/devices", List.of(new Parameter("template", Kind.TEXT, List.of(HostileService.TEMPLATE)),
        new Parameter("online", Kind.BOOLEAN, List.of()), new Parameter("includeDeleted", Kind.BOOLEAN, List.of()), page, size));
    endpoints.put("/api/device-sets", List.of(page, size));
    endpoints.put("/api/device-sets/" + HostileService.SET + "/devices", List.of(page, size));
    endpoints.put("/api/jobs", List.of(new Parameter("status", Kind.ENUM, JOB_STATUSES),
        new Parameter("deviceSetId", Kind.TEXT, List.of(HostileService.SET)), page, size));
    endpoints.put("/api/jobs/" + job + "/devices", List.of(new Parameter("status", Kind.ENUM, EXECUTION_STATUSES), page, size));
    endpoints.put("/api/jobs/" + job + "/timeline", List.of(new Parameter("buckets", Kind.BUCKETS, List.of())));
    endpoints.put("/api/tokens", List.of(new Parameter("username", Kind.TEXT, List.of("admin")), new Parameter("all", Kind.BOOLEAN, List.of())));
    endpoints.put("/api/audit", List.of(new Parameter("actor", Kind.TEXT, List.of("admin")), new Parameter("action", Kind.TEXT, List.of("POST /api/jobs")),
        new Parameter("outcome", Kind.OUTCOME, List.of()), new Parameter("from", Kind.FROM, List.of()), new Parameter("to", Kind.TO, List.of()),
        page, size));
    endpoints.put("/api/users", List.of());
    return Arbitraries.of(endpoints.keySet()).flatMap(path -> query(path, endpoints.get(path)));
  }

  /** Some of the endpoint's parameters, each valid or not, and now and then one it does not take, or one twice. */
  private static Arbitrary<Case> query(String path, List<Parameter> parameters) {
    List<Arbitrary<Given>> each = new ArrayList<>();
    for (Parameter p : parameters) {
      each.add(Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(Given.NONE)), Tuple.of(3, valid(p)), Tuple.of(2, invalid(p))));
    }
    Arbitrary<List<Given>> chosen = each.isEmpty() ? Arbitraries.just(List.of()) : Combinators.combine(each).as(List::copyOf);
    Arbitrary<Given> extra = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just(Given.NONE)),
        Tuple.of(1, Arbitraries.of("sort", "onlne", "pageSize", "limit", "offset", "q", "SIZE", "page ", "_", "a\u0000b", "\u202esize")
            .map(n -> new Given(n, "1", Expect.REFUSE, "a parameter it does not take: " + n))),
        Tuple.of(1, Arbitraries.of(parameters.isEmpty() ? List.of("x") : parameters.stream().map(Parameter::name).toList())
            .map(n -> new Given(n, "", Expect.REFUSE, "given twice: " + n))));
    return Combinators.combine(chosen, extra).as((given, more) -> {
      List<String> pairs = new ArrayList<>();
      Expect expect = Expect.ACCEPT;
      String field = null;
      List<String> about = new ArrayList<>();
      for (Given g : given) {
        if (g != Given.NONE) {
          pairs.add(RawClient.encode(g.name()) + "=" + RawClient.encode(g.value()));
          about.add(g.about());
          if (g.expect().refused()) {
            // of two faults, which is named is the service's choice: require a name only when there is one
            field = expect.refused() ? null : g.name();
            expect = field == null ? Expect.REFUSE_BODY : Expect.REFUSE;
          } else if (g.expect() == Expect.EITHER && expect == Expect.ACCEPT) {
            expect = Expect.EITHER;
          }
        }
      }
      if (more != Given.NONE) {
        boolean twice = more.about().startsWith("given twice");
        pairs.add(RawClient.encode(more.name()) + "=" + (twice ? "1" : RawClient.encode(more.value())));
        if (twice) {
          pairs.add(RawClient.encode(more.name()) + "=1");
        }
        about.add(more.about());
        // which of two faults is named first is the service's choice: name the field only when it is the one
        field = expect.refused() ? null : more.name().matches("[A-Za-z]+") ? more.name() : null;
        expect = field == null ? Expect.REFUSE_BODY : Expect.REFUSE;
      }
      String query = pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
      return new Case("GET", path + query, null, null, field, expect, String.join("; ", about.isEmpty() ? List.of("no parameters") : about));
    });
  }

  /** One parameter as given: name, raw value, what the API must do. */
  private record Given(String name, String value, Expect expect, String about) {
    static final Given NONE = new Given("", "", Expect.ACCEPT, "");
  }

  private static Arbitrary<Given> valid(Parameter p) {
    Arbitrary<String> values = switch (p.kind()) {
      case PAGE -> Arbitraries.integers().between(0, 3).map(String::valueOf);
      case SIZE -> Arbitraries.of("1", "20", "1000");
      case BOOLEAN -> Arbitraries.of("true", "false");
      case ENUM -> Arbitraries.of(p.values());
      case TEXT -> Arbitraries.oneOf(Arbitraries.of(p.values()), Hostile.fineText(), Hostile.withForbidden(), Hostile.huge(300, 1500));
      case OUTCOME -> Arbitraries.of("success", "refused", "error", "REFUSED", "404", "100", "599");
      case FROM -> Arbitraries.of("2020-01-01T00:00:00Z", "2020-02-29T12:00:00.5Z");
      case TO -> Arbitraries.of("2026-01-01T00:00:00Z", "2099-12-31T23:59:59.999Z");
      case BUCKETS -> Arbitraries.of("1", "60", "500");
    };
    return values.map(v -> new Given(p.name(), v, Expect.ACCEPT, p.name() + "=" + clip(v)));
  }

  private static Arbitrary<Given> invalid(Parameter p) {
    Arbitrary<Given> unparsable = switch (p.kind()) {
      case PAGE, SIZE, BUCKETS -> Arbitraries.of("abc", "", "1.5", "1e3", "0x10", "+1", " 1", "99999999999", "-99999999999999999999", "１")
          .map(v -> new Given(p.name(), v, Expect.REFUSE, p.name() + "=" + v + " (not a number)"));
      case BOOLEAN -> Arbitraries.of("maybe", "yes", "no", "on", "1", "0", "", "TRUE", "True", "t", "\u0000")
          .map(v -> new Given(p.name(), v, Expect.REFUSE, p.name() + "=" + v + " (not a boolean)"));
      case ENUM -> Arbitraries.of("DONE", "completed", "Completed", "", " RUNNING", "0", "1")
          .map(v -> new Given(p.name(), v, Expect.REFUSE, p.name() + "=" + v + " (no such status)"));
      case TEXT -> Arbitraries.of("\ud800").map(v -> new Given(p.name(), v, Expect.EITHER, p.name() + " with a lone surrogate"));
      case OUTCOME -> Arbitraries.of("maybe", "99", "600", "4xx", "", "\u0007").map(v -> new Given(p.name(), v, v.isEmpty() ? Expect.ACCEPT : Expect.REFUSE,
          p.name() + "=" + v));
      case FROM, TO -> Arbitraries.of("yesterday", "2026-01-01", "2026-13-01T00:00:00Z", "+1000000000-01-01T00:00:00Z", "1e9")
          .map(v -> new Given(p.name(), v, Expect.REFUSE, p.name() + "=" + v));
    };
    Arbitrary<Given> outOfRange = switch (p.kind()) {
      case PAGE -> Arbitraries.of("-1", "-2147483648").map(v -> new Given(p.name(), v, Expect.REFUSE, "page=" + v));
      case SIZE -> Arbitraries.of("0", "-1", "1001", "2147483647").map(v -> new Given(p.name(), v, Expect.REFUSE, "size=" + v));
      case BUCKETS -> Arbitraries.of("0", "501", "-5").map(v -> new Given(p.name(), v, Expect.REFUSE, "buckets=" + v));
      default -> unparsable;
    };
    return Arbitraries.oneOf(unparsable, outOfRange);
  }

  @Provide
  Arbitrary<Case> paths() {
    Arbitrary<String> ids = Arbitraries.oneOf(
        Hostile.withForbidden(), Hostile.badId(), Hostile.huge(200, 3000), Hostile.fineText(),
        Arbitraries.of("nope", "..", ".", "%", "%zz", "a%2Fb", "a/b", "%00", "%2e%2e", "\\", "' OR '1'='1", "${jndi:ldap://x/a}"));
    Arbitrary<String> templates = Arbitraries.of("/api/templates/%s", "/api/devices/%s", "/api/device-sets/%s", "/api/device-sets/%s/devices",
        "/api/jobs/%s", "/api/jobs/%s/devices", "/api/jobs/%s/devices.csv", "/api/jobs/%s/timeline", "/api/users/%s", "/api/devices/%s/credential",
        "/api/templates/%s/enrolment-tokens");
    Arbitrary<String> methods = Arbitraries.of("GET", "GET", "DELETE", "POST");
    return Combinators.combine(methods, templates, ids, Arbitraries.of(true, false)).as((method, template, id, raw) -> {
      String segment = raw && sendableAsIs(id) ? id : RawClient.encode(id);
      String path = template.formatted(segment);
      // an empty last segment (or ".") leaves the path of the collection itself: reading it is a listing, not an id
      boolean collection = template.endsWith("/%s") && (segment.isEmpty() || segment.equals(".")) && method.equals("GET");
      return new Case(method, path, method.equals("POST") ? "application/json" : null, method.equals("POST") ? "{}".getBytes(StandardCharsets.UTF_8) : null,
          null, collection ? Expect.EITHER : Expect.REFUSE, method + " by the id " + clip(id));
    });
  }

  /**
   * Whether the JDK's client takes {@code id} unencoded in a path (it refuses spaces, braces, bad escapes) and it stays
   * in the path: a raw {@code #} or {@code ?} would end the path there, making {@code /api/templates/#} the listing.
   */
  private static boolean sendableAsIs(String id) {
    if (id.indexOf('#') >= 0 || id.indexOf('?') >= 0) {
      return false;
    }
    try {
      java.net.URI.create("http://127.0.0.1/" + id);
      return id.matches("[!-~]*");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String clip(String v) {
    return v.length() > 40 ? v.substring(0, 40) + "…(" + v.length() + ")" : v;
  }
}
