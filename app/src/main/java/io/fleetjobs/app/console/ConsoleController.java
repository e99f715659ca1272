package io.fleetjobs.app.console;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;

/**
 * The operator console: a static page of ES modules under {@code /console/} (resources/console), served by the
 * service itself and built only on the REST API and its server-sent events. The root redirects there; the icon is
 * also answered at {@code /favicon.ico}.
 */
@Controller
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS) // only redirects to the console's static page, which signs in through the API
class ConsoleController {

  @Get
  HttpResponse<?> root() {
    return HttpResponse.seeOther(URI.create("/console/index.html"));
  }

  @Get("/console")
  HttpResponse<?> console() {
    return HttpResponse.seeOther(URI.create("/console/index.html"));
  }

  /** Browsers ask the root for it, whatever the page links. */
  @Get(value = "/favicon.ico", produces = "image/x-icon")
  HttpResponse<?> favicon() {
    return HttpResponse.ok(FAVICON).header("Cache-Control", "max-age=86400");
  }

  private static final byte[] FAVICON = read("console/favicon.ico");

  private static byte[] read(String resource) {
    try (var in = ConsoleController.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not packaged");
      }
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
