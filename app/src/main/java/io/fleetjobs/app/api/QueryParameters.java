package io.fleetjobs.app.api;

import io.fleetjobs.app.common.Text;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Query parameters are read as strictly as bodies, for every endpoint at once: each must be one the endpoint declares
 * ({@code @QueryValue}), given once, and of its type. Micronaut would read {@code online=maybe} as false, {@code
 * yes} and {@code on} as true, ignore {@code onlne=true}, and answer {@code size=abc} with a message naming Java's
 * number parser; here each is a 400 problem naming the parameter. Booleans are {@code true} or {@code false}, whole
 * numbers decimal digits within range, enums their exact names. Runs after the security filter, so a request
 * without signing in learns nothing of an endpoint's parameters.
 */
@ServerFilter("/api/**")
class QueryParameters implements Ordered {

  private final ErrorResponseProcessor<?> problems;

  QueryParameters(ErrorResponseProcessor<?> problems) {
    this.problems = problems;
  }

  /** A 400 for the first parameter at fault, or null: the request goes on. */
  @RequestFilter
  @Nullable
  HttpResponse<?> check(HttpRequest<?> request) {
    if (!(RouteAttributes.getRouteMatch(request).orElse(null) instanceof MethodBasedRouteMatch<?, ?> route)) {
      return null;
    }
    Map<String, Argument<?>> declared = declared(route.getArguments());
    for (Map.Entry<String, List<String>> given : request.getParameters().asMap().entrySet()) {
      String name = given.getKey();
      Argument<?> argument = declared.get(name);
      String problem = argument == null ? unknown(name, declared) : problem(name, argument.getType(), given.getValue());
      if (problem != null) {
        return refuse(request, argument == null ? Text.escape(name) : name, problem);
      }
    }
    return null;
  }

  /** The query parameters of a route, by the name the API gives them. */
  private static Map<String, Argument<?>> declared(Argument<?>[] arguments) {
    Map<String, Argument<?>> out = new LinkedHashMap<>();
    for (Argument<?> a : arguments) {
      if (a.getAnnotationMetadata().hasAnnotation(QueryValue.class)) {
        out.put(a.getAnnotationMetadata().stringValue(QueryValue.class).filter(n -> !n.isEmpty()).orElse(a.getName()), a);
      }
    }
    return out;
  }

  private static String unknown(String name, Map<String, Argument<?>> declared) {
    return Text.quote(name) + " is not a parameter of this request; "
        + (declared.isEmpty() ? "it takes none" : "it takes " + String.join(", ", declared.keySet()));
  }

  /** What is wrong with the values given for a declared parameter, or null. */
  static String problem(String name, Class<?> type, List<String> values) {
    if (values.size() > 1) {
      return name + " is given " + values.size() + " times; give it once";
    }
    String value = values.isEmpty() ? "" : values.get(0);
    if (type == Boolean.class || type == boolean.class) {
      return value.equals("true") || value.equals("false") ? null : name + " is true or false, not " + Text.quote(value);
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return wholeNumber(value, type == Integer.class || type == int.class) ? null
          : name + " is a whole number, not " + Text.quote(value);
    }
    if (type.isEnum()) {
      boolean known = Arrays.stream(type.getEnumConstants()).anyMatch(c -> ((Enum<?>) c).name().equals(value));
      return known ? null : name + " is one of "
          + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", ")) + ", not " + Text.quote(value);
    }
    return null;
  }

  private static boolean wholeNumber(String value, boolean isInt) {
    if (!value.matches("-?[0-9]{1,19}")) {
      return false;
    }
    try {
      long n = Long.parseLong(value);
      return !isInt || n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private HttpResponse<?> refuse(HttpRequest<?> request, String field, String detail) {
    ApiException refusal = new ApiException(HttpStatus.BAD_REQUEST, field, detail);
    return problems.processResponse(ErrorContext.builder(request).cause(refusal).errorMessage(detail).build(),
        HttpResponse.status(HttpStatus.BAD_REQUEST));
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.after();
  }
}
