package io.fleetjobs.sim.cli;

import io.fleetjobs.sim.SimulatedFleet;
import io.fleetjobs.sim.provision.Credentials;
import io.fleetjobs.sim.provision.Provisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the devices' credentials come from: a file of secrets, and the service's API to register the devices the
 * file does not hold yet (as an admin: user and password, or an API token).
 */
final class Provisioning {

  @Option(names = "--credentials", paramLabel = "FILE",
      description = "the devices' secrets, deviceId,secret per line (the bulk registration's CSV); with --api, written with what it issues")
  Path credentials;

  @Option(names = "--api", paramLabel = "URL", description = "register the devices the credentials file lacks with this service first, e.g. http://127.0.0.1:8080")
  String api;

  @Option(names = "--user", defaultValue = "admin", description = "the admin who registers them, with --api (default: ${DEFAULT-VALUE})")
  String user;

  @Option(names = "--password-file", paramLabel = "FILE", description = "that admin's password, e.g. data/security/initial-admin-password (else env FLEET_ADMIN_PASSWORD)")
  Path passwordFile;

  @Option(names = "--api-token", description = "an admin's API token instead of user and password (default: env FLEET_API_TOKEN)")
  String apiToken = System.getenv("FLEET_API_TOKEN");

  /** The secrets for {@code plan}: from the file, then from the service for what the file lacks. */
  Map<String, String> secrets(List<SimulatedFleet.PlannedDevice> plan) throws java.io.IOException {
    Map<String, String> known = credentials != null && Files.exists(credentials) ? Credentials.read(credentials) : Map.of();
    boolean complete = plan.stream().filter(d -> d.gatewayId() == null).allMatch(d -> known.containsKey(d.id()));
    if (complete || api == null) {
      return known;
    }
    Provisioner provisioner = new Provisioner(api, bearer());
    Map<String, String> all = new LinkedHashMap<>(known);
    all.putAll(provisioner.ensure(plan, known));
    if (credentials != null) {
      Credentials.write(credentials, all);
    }
    System.err.printf("Registered the fleet with %s%s%n", api, credentials == null ? "" : "; credentials in " + credentials);
    return all;
  }

  private String bearer() throws java.io.IOException {
    if (apiToken != null) {
      return apiToken;
    }
    String password = passwordFile != null && Files.exists(passwordFile) ? Files.readString(passwordFile).strip() : System.getenv("FLEET_ADMIN_PASSWORD");
    if (password == null) {
      throw new IllegalArgumentException("--api needs --password-file, FLEET_ADMIN_PASSWORD or --api-token to register the devices");
    }
    return Provisioner.signIn(api, user, password);
  }
}
