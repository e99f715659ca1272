package io.fleetjobs.app.support;

import io.fleetjobs.app.tls.DevCertsCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Certificates written by the real {@code dev-certs} command, for tests of the TLS paths. */
public final class DevCerts {

  /** What one run printed, and its exit code. */
  public record Run(int exitCode, String out, String err) {}

  private DevCerts() {}

  /** Runs {@code dev-certs} with these arguments. */
  public static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = DevCertsCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A CA, a server certificate for 127.0.0.1 and localhost, and one client certificate per device, in {@code dir}. */
  public static Path write(Path dir, String... devices) {
    List<String> args = new ArrayList<>(List.of("--out", dir.toString()));
    for (String device : devices) {
      args.add("--device");
      args.add(device);
    }
    Run run = run(args.toArray(String[]::new));
    if (run.exitCode() != 0) {
      throw new IllegalStateException("dev-certs failed: " + run.err());
    }
    return dir;
  }

  /** The configuration dev-certs wrote to {@code fleet-tls.properties}, as properties of a context under test. */
  public static Map<String, String> properties(Path dir) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(dir.resolve("fleet-tls.properties"))) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> map = new HashMap<>();
    properties.forEach((k, v) -> map.put((String) k, (String) v));
    return map;
  }
}
