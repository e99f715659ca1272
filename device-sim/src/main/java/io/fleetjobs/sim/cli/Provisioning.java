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
 * Where the devices' credentials come from: a file of secrets, then for the devices the file does not hold yet either
 * the service's API to register them (as an admin: user and password, or an API token) or an enrolment token with
 * which each of them enrols itself; what either issues is written back to the file, so the next run reuses it.
 */
final class Provisioning {

  @Option(names = "--credentials", paramLabel = "FILE",
      description = "the devices' secrets, deviceId,secret per line (the bulk registration's CSV); with --api or --enrol-token, written with what they issue")
  Path credentials;

  @Option(names = "--enrol-token", paramLabel = "TOKEN",
      description = "an enrolment token of the devices' template (fje_...): each direct MQTT device the credentials file lacks enrols with it first (default: env FLEET_ENROL_TOKEN)")
  String enrolToken = System.getenv("FLEET_ENROL_TOKEN");

  @Option(names = "--api", paramLabel = "URL", description = "register the devices the credentials file lacks with this service first, e.g. http://127.0.0.1:8080")
  String api;

  @Option(names = "--user", defaultValue = "admin", description = "the admin who registers them, with --api (default: ${DEFAULT-VALUE})")
  String user;

  @Option(names = "--password-file", paramLabel = "FILE", description = "that admin's password, e.g. data/security/initial-admin-password (else env FLEET_ADMIN_PASSWORD)")
  Path passwordFile;

  @Option(names = "--api-token", description = "an admin's API token instead of user and password (default: env FLEET_API_TOKEN)")
  String apiToken = System.getenv("FLEET_API_TOKEN");

  /**
   * The secrets for {@code plan}: from the file, then from the service for what the file lacks (with {@code --api});
   * with {@code --enrol-token} the devices still lacking one enrol as they connect ({@link #keep}).
   */
  Map<String, String> secrets(List<SimulatedFleet.PlannedDevice> plan) throws java.io.IOException {
    if (api != null && enrolToken != null) {
      throw new IllegalArgumentException("--api and --enrol-token are two ways to get the devices' credentials: give one");
    }
    Map<String, String> known = credentials != null && Files.exists(credentials) ? Credentials.read(credentials) : Map.of();
    if (enrolToken != null) {
      List<String> cannot = plan.stream().filter(d -> d.gateway() && !known.containsKey(d.id())).map(SimulatedFleet.PlannedDevice::id).toList();
      if (!cannot.isEmpty()) {
        throw new IllegalArgumentException("gateways do not enrol here (" + cannot.get(0) + (cannot.size() > 1 ? ", ..." : "")
            + " has no credential): register gateways and their children with --api");
      }
    }
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

  /**
   * Adds the secrets devices were issued by enrolment to the credentials file, beside those it held, so that the next
   * run reuses them instead of enrolling again (which the service refuses for registered devices).
   */
  void keep(Map<String, String> known, Map<String, String> enrolled) {
    if (enrolled.isEmpty()) {
      return;
    }
    if (credentials == null) {
      System.err.printf("%d devices enrolled; their credentials are not kept (give --credentials FILE to reuse them next time)%n", enrolled.size());
      return;
    }
    Map<String, String> all = new LinkedHashMap<>(known);
    all.putAll(enrolled);
    Credentials.write(credentials, all);
    System.err.printf("%d devices enrolled; credentials in %s%n", enrolled.size(), credentials);
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
