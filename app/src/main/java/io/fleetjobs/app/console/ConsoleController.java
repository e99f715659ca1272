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
 * service itself and built only on the REST API and its server-sent events. The root redirects there.
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
}
