package io.fleetjobs.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throwaway PostgreSQL server of one test class, which the test may stop and start again: Debian's binaries
 * ({@code /usr/lib/postgresql/<version>/bin}), a cluster made by {@code initdb} in a folder under {@code /tmp}
 * (user {@code fleet}, trust authentication), listening on 127.0.0.1 on a free port, stopped and deleted when the class
 * ends. initdb and the server refuse to run as root, so as root they run as the {@code postgres} user. Without the
 * binaries the class is skipped, except on CI ({@code CI=true}), where it fails: {@code .ci/run} installs them.
 */
public final class TestPostgres implements BeforeAllCallback, AfterAllCallback {

  public static final String USER = "fleet";
  private static final Path DEBIAN = Path.of("/usr/lib/postgresql");

  private Path bin;
  private Path root;
  private int port;
  private boolean asPostgres;
  private Thread shutdownHook;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    bin = newestBin();
    if (bin == null) {
      MissingTool.skipOrFail(DEBIAN + "/*/bin/initdb is missing: apt-get install postgresql (.ci/run does)");
    }
    asPostgres = "root".equals(System.getProperty("user.name"));
    root = Files.createTempDirectory(Path.of("/tmp"), "fleet-test-pg-");
    if (asPostgres) {
      UserPrincipalLookupService users = root.getFileSystem().getUserPrincipalLookupService();
      Files.setOwner(root, users.lookupPrincipalByName("postgres"));
    }
    port = TestBroker.freePort();
    // --no-sync: a throwaway cluster need not survive a power cut, only the process stops the tests make
    run(List.of(tool("initdb"), "-D", data(), "-A", "trust", "-U", USER, "-E", "UTF8", "--no-sync"));
    start();
    shutdownHook = new Thread(this::stopQuietly);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (root == null) {
      return;
    }
    stopQuietly();
    Runtime.getRuntime().removeShutdownHook(shutdownHook);
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Starts the server (again), waiting until it accepts connections. */
  public void start() {
    // fsync off: the tests kill the server process, never the machine, so the OS keeps what was written
    run(List.of(tool("pg_ctl"), "-D", data(), "-l", root.resolve("server.log").toString(), "-w", "-t", "60",
        "-o", "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
  }

  /** Starts the server unless it runs: a test that stopped it and failed leaves it stopped. */
  public void ensureRunning() {
    if (!Files.exists(root.resolve("data").resolve("postmaster.pid"))) {
      start();
    }
  }

  /** Stops the server as a crash would ({@code pg_ctl stop -m immediate}): connections are cut, nothing is flushed. */
  public void stopImmediately() {
    run(List.of(tool("pg_ctl"), "-D", data(), "-m", "immediate", "-w", "stop"));
  }

  private void stopQuietly() {
    try {
      run(List.of(tool("pg_ctl"), "-D", data(), "-m", "fast", "-w", "stop"));
    } catch (RuntimeException alreadyStopped) {
      // stopped by the test, or never started
    }
  }

  /** A new empty database on this server; returns its name. */
  public String createDatabase() {
    String name = "fleet_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = connect("postgres")) {
      c.createStatement().execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    return name;
  }

  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** A connection of the test's own, beside the service's pool. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url(database), USER, "");
  }

  /** The service's {@code datasources.default.*} for {@code database}. */
  public Map<String, String> datasource(String database) {
    return Map.of(
        "datasources.default.url", url(database),
        "datasources.default.username", USER,
        "datasources.default.password", "",
        "datasources.default.driver-class-name", "org.postgresql.Driver",
        "datasources.default.dialect", "POSTGRES");
  }

  /** The server's log so far, for assertion messages. */
  public String log() {
    try {
      return Files.readString(root.resolve("server.log"));
    } catch (IOException e) {
      return "(no server log: " + e + ")";
    }
  }

  private String data() {
    return root.resolve("data").toString();
  }

  private String tool(String name) {
    return bin.resolve(name).toString();
  }

  private void run(List<String> command) {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    try {
      Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", full) + " did not return");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", full) + " exited with " + process.exitValue() + ": " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path newestBin() throws IOException {
    if (!Files.isDirectory(DEBIAN)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(DEBIAN)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparingInt(b -> version(b.getParent().getFileName().toString())))
          .orElse(null);
    }
  }

  private static int version(String name) {
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
