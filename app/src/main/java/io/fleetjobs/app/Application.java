package io.fleetjobs.app;

import io.fleetjobs.app.mosquitto.MosquittoFilesCommand;
import io.fleetjobs.app.tls.DevCertsCommand;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.util.List;

@OpenAPIDefinition(
    info =
        @Info(
            title = "Fleet Jobs",
            version = "1",
            description = "Define device templates, device sets and jobs, run jobs across fleets of devices and watch them."))
// Security is required per controller (@SecurityRequirement on each), not here: OpenAPI 3.0 has no way to lift a
// document-wide requirement from the sign-in operations that micronaut-openapi writes.
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
    description = "a token from POST /api/auth/login, or an API token")
@SecurityScheme(name = "session", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE, paramName = "FLEET_SESSION",
    description = "the console's session from POST /api/auth/session; changes also need the X-CSRF-Token header")
public final class Application {

  private Application() {}

  public static void main(String[] args) {
    if (args.length > 0 && DevCertsCommand.NAME.equals(args[0])) {
      // a tool, not the service: runs before (and without) Micronaut
      System.exit(DevCertsCommand.run(List.of(args).subList(1, args.length), System.out, System.err));
    }
    if (args.length > 0 && MosquittoFilesCommand.NAME.equals(args[0])) {
      // reads the service's configuration and database, but starts none of it
      System.exit(MosquittoFilesCommand.run(List.of(args).subList(1, args.length), System.out, System.err));
    }
    Micronaut.build(args).mainClass(Application.class).banner(false).start();
  }
}
