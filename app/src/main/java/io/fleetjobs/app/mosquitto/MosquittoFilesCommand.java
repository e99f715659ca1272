package io.fleetjobs.app.mosquitto;

import io.fleetjobs.app.identity.DeviceCredentials;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.core.value.PropertyResolver;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar fleet-jobs-app.jar mosquitto-files [--out DIR] [--reload]}: writes mosquitto's password and ACL
 * files once, from the database the service's own configuration names (the same {@code micronaut.config.files},
 * environment variables and system properties), without starting the service. For setting mosquitto up before the
 * service's first start, for a broker whose files the service cannot write, or from cron; a running service with
 * {@code fleet.mqtt.mosquitto.dir} keeps them current by itself.
 */
public final class MosquittoFilesCommand {

  public static final String NAME = "mosquitto-files";

  static final String USAGE = """
      Usage: java -jar fleet-jobs-app.jar mosquitto-files [--out DIR] [--reload]
        --out DIR   where to write devices.passwd, service.passwd and fleet.acl (default: fleet.mqtt.mosquitto.dir)
        --reload    then run fleet.mqtt.mosquitto.reload-command
      Reads the database (datasources.default.*) and the service's account (fleet.mqtt.username, fleet.mqtt.password)
      from the service's configuration: -Dmicronaut.config.files=..., environment variables, system properties.
      With H2, run it while the service is stopped (the service holds the database file).""";

  private MosquittoFilesCommand() {}

  /** Runs the command with the service's configuration; 0 when done, 1 when it could not finish, 2 for bad arguments. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.contains("--help") || args.contains("-h")) {
      out.println(USAGE);
      return 0;
    }
    try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).banner(false).build()) {
      Environment environment = context.getEnvironment();
      environment.start();
      return run(args, environment, out, err);
    }
  }

  static int run(List<String> args, PropertyResolver config, PrintStream out, PrintStream err) {
    Path dir = config.getProperty("fleet.mqtt.mosquitto.dir", String.class).map(Path::of).orElse(null);
    boolean reload = false;
    for (int i = 0; i < args.size(); i++) {
      switch (args.get(i)) {
        case "--out" -> {
          if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            return usage(err, "--out needs a folder");
          }
          dir = Path.of(args.get(++i));
        }
        case "--reload" -> reload = true;
        default -> {
          return usage(err, "unknown argument '" + args.get(i) + "'");
        }
      }
    }
    if (dir == null) {
      return usage(err, "give --out DIR, or set fleet.mqtt.mosquitto.dir");
    }
    String username = config.getProperty("fleet.mqtt.username", String.class).orElse("service@fleet-jobs");
    Optional<String> password = config.getProperty("fleet.mqtt.password", String.class);
    Optional<String> url = config.getProperty("datasources.default.url", String.class);
    if (password.isEmpty() || url.isEmpty()) {
      err.println(NAME + ": set " + (password.isEmpty() ? "fleet.mqtt.password (the service's account goes into service.passwd)"
          : "datasources.default.url") + " as for the service");
      return 1;
    }
    try {
      Optional<List<DeviceCredentials.Usable>> stored = StoredCredentials.read(url.get(),
          config.getProperty("datasources.default.username", String.class).orElse(null),
          config.getProperty("datasources.default.password", String.class).orElse(null));
      String permissions = config.getProperty("fleet.mqtt.mosquitto.file-permissions", String.class).orElse("rw-r-----");
      MosquittoFiles files = new MosquittoFiles(dir, PosixFilePermissions.fromString(permissions));
      MosquittoFiles.Written written = files.write(username, password.get(), stored.orElse(List.of()));
      out.println("mosquitto's files in " + files.dir() + ": " + (written.changed().isEmpty() ? "already current"
          : "wrote " + String.join(", ", written.changed())));
      out.println("  " + MosquittoFiles.DEVICES + "  " + written.devices() + " device(s)"
          + (stored.isEmpty() ? " (the database has no device credentials yet: the service creates its tables at its first start)" : ""));
      out.println("  " + MosquittoFiles.SERVICE + "  the service's account '" + username + "'");
      out.println("  " + MosquittoFiles.ACL + "       each device confined to its own topics, the service to fleet/v1/#");
      if (!written.skipped().isEmpty()) {
        out.println("  left out (a user name in mosquitto's password file cannot hold ':'): " + String.join(", ", written.skipped()));
      }
      if (reload) {
        String command = config.getProperty("fleet.mqtt.mosquitto.reload-command", String.class)
            .orElseThrow(() -> new IOException("--reload needs fleet.mqtt.mosquitto.reload-command"));
        new ReloadCommand(command, java.time.Duration.ofSeconds(10)).run();
        out.println("reloaded mosquitto: " + command);
      } else if (!written.changed().isEmpty()) {
        out.println("mosquitto reads them on its next start or reload (SIGHUP: systemctl reload mosquitto).");
      }
      return 0;
    } catch (SQLException e) {
      err.println(NAME + " could not read the database " + url.get() + ": " + e.getMessage()
          + (url.get().startsWith("jdbc:h2:") ? " (with H2, stop the service first: it holds the database file)" : ""));
      return 1;
    } catch (IOException | RuntimeException e) {
      err.println(NAME + " could not finish: " + e.getMessage());
      return 1;
    }
  }

  private static int usage(PrintStream err, String problem) {
    err.println(NAME + ": " + problem);
    err.println(USAGE);
    return 2;
  }
}
