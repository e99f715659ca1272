package io.fleetjobs.app.tls;

import io.fleetjobs.contract.Checks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/** The arguments of {@code dev-certs}: {@code --out DIR}, {@code --host H[,H...]}, {@code --device ID[,ID...]}, {@code --force}. */
record DevCertsOptions(Path out, List<String> hosts, List<String> devices, boolean force) {

  static final String USAGE = """
      Usage: java -jar fleet-jobs-app.jar dev-certs [--out DIR] [--host H[,H...]] [--device ID[,ID...]] [--force]
        --out DIR      where to write the files (default: ./data/tls)
        --host H,...   host names and IP addresses of the server certificate (repeatable; default: 127.0.0.1,localhost)
        --device ID    a client certificate with CN=ID per device (repeatable, or comma-separated)
        --force        create a new CA and write every file again (certificates of the old CA stop verifying)
      Existing files are kept: run it again to add devices.""";

  static DevCertsOptions parse(List<String> args) {
    Path out = Path.of("data", "tls");
    LinkedHashSet<String> hosts = new LinkedHashSet<>();
    LinkedHashSet<String> devices = new LinkedHashSet<>();
    boolean force = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--out" -> out = Path.of(value(args, ++i, arg));
        case "--host" -> hosts.addAll(list(value(args, ++i, arg)));
        case "--device" -> devices.addAll(list(value(args, ++i, arg)));
        case "--force" -> force = true;
        default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
      }
    }
    for (String device : devices) {
      if (!Checks.ID.matcher(device).matches()) {
        throw new IllegalArgumentException("'" + device + "' is not a device id: 1-128 letters, digits, '.', '_', ':' or '-'");
      }
    }
    for (String host : hosts) {
      if (!host.matches("[A-Za-z0-9.:*-]+")) {
        throw new IllegalArgumentException("'" + host + "' is not a host name or IP address");
      }
    }
    List<String> hostList = hosts.isEmpty() ? List.of("127.0.0.1", "localhost") : List.copyOf(hosts);
    return new DevCertsOptions(out, hostList, List.copyOf(devices), force);
  }

  private static String value(List<String> args, int i, String flag) {
    if (i >= args.size() || args.get(i).startsWith("--")) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args.get(i);
  }

  private static List<String> list(String value) {
    List<String> items = new ArrayList<>();
    Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(items::add);
    return items;
  }
}
