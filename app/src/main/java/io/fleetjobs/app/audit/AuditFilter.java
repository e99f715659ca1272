package io.fleetjobs.app.audit;

import io.fleetjobs.app.security.SignIns;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Records every request under {@code /api} that changes something (POST, PUT, PATCH, DELETE) once it is answered,
 * refused ones included. It runs before the security filter ({@link ServerFilterPhase#SECURITY}{@code .before()}), so
 * on the way back it sees the final answer of requests that filter or the CSRF check turned away (401, 403), and the
 * authentication the security filter put on the request. It only reads the request line, headers and attributes —
 * never the body — and queues the event for {@link AuditLog}: nothing here blocks the event loop.
 */
@ServerFilter("/api/**")
class AuditFilter implements Ordered {

  static final String FORWARDED_FOR = "X-Forwarded-For";
  private static final Set<HttpMethod> CHANGES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  private final AuditLog log;
  private final TrustedProxies proxies;
  private final Clock clock;

  AuditFilter(AuditLog log, AuditConfig config, Clock clock) {
    this.log = log;
    this.proxies = TrustedProxies.of(config.trustedProxies());
    this.clock = clock;
  }

  @ResponseFilter
  void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
    if (CHANGES.contains(request.getMethod())) {
      log.record(event(request, response));
    }
  }

  private AuditEvent event(HttpRequest<?> request, MutableHttpResponse<?> response) {
    Authentication authentication = request.getUserPrincipal(Authentication.class).orElse(null);
    String actor = authentication != null
        ? authentication.getName()
        : request.getAttribute(SignIns.ATTEMPTED_USERNAME, String.class).orElse(null);
    Object kind = authentication == null ? null : authentication.getAttributes().get(SignIns.CLAIM_KIND);
    String method = request.getMethodName();
    String path = request.getPath();
    String route = path;
    String target = null;
    if (RouteAttributes.getRouteMatch(request).orElse(null) instanceof UriRouteMatch<?, ?> match) {
      route = match.getRouteInfo().getUriMatchTemplate().toString();
      target = match.getVariableValues().values().stream().findFirst().map(Object::toString).orElse(null);
    }
    if (target == null && response.getStatus() == HttpStatus.CREATED) {
      String location = response.getHeaders().get(HttpHeaders.LOCATION);
      target = location == null ? null : location.substring(location.lastIndexOf('/') + 1);
    }
    return new AuditEvent(null, clock.instant(), clip(actor, 64), kind == null ? null : clip(kind.toString(), 16), method,
        clip(method + " " + route, 300), clip(path, 500), clip(target, 200), clip(remoteAddress(request), 64), response.code());
  }

  private String remoteAddress(HttpRequest<?> request) {
    InetSocketAddress peer = request.getRemoteAddress();
    if (peer.getAddress() == null) {
      return peer.getHostString();
    }
    List<String> forwarded = request.getHeaders().getAll(FORWARDED_FOR);
    return proxies.client(peer.getAddress(), forwarded.isEmpty() ? null : String.join(",", forwarded));
  }

  private static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.before();
  }
}
