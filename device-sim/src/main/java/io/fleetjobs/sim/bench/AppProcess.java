package io.fleetjobs.sim.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service launched by the bench as a child process ({@code java -Xmx.. -jar app.jar}) on free loopback ports,
 * with a fresh H2 file database and broker data under the run's folder, CoAP off, and its log in a file. Killed at the
 * end, and by a shutdown hook on Ctrl-C.
 */
final class AppProcess implements AutoCloseable {

  /** The launched service's first admin: the bench signs in with this generated password. */
  static final String ADMIN = "admin";

  private final Process process;
  private final String adminPassword;
  private final String servicePassword;
  private final int httpPort;
  private final int mqttPort;
  private final Path log;
  private final Thread hook;

  private AppProcess(Process process, String adminPassword, String servicePassword, int httpPort, int mqttPort, Path log) {
    this.process = process;
    this.adminPassword = adminPassword;
    this.servicePassword = servicePassword;
    this.httpPort = httpPort;
    this.mqttPort = mqttPort;
    this.log = log;
    this.hook = new Thread(this::kill, "bench-app-killer");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Starts the service.
   *
   * @param externalBroker {@code tcp://host:port} for the service to use instead of its embedded broker, or null
   * @param maxInFlight the service's in-flight window, so that every device can be in flight at once
   * @param properties extra {@code key=value} configuration of the service, applied after the bench's own
   * @param javaOptions extra JVM options (a flight recording, a GC), before the bench's own
   */
  static AppProcess launch(
      Path jar, String xmx, List<String> properties, List<String> javaOptions, Path runDir, Path log, String externalBroker, int maxInFlight, int queue)
      throws IOException {
    int http = freeTcpPort();
    int mqtt = freeTcpPort();
    String adminPassword = java.util.UUID.randomUUID().toString();
    // the service's own MQTT account, also the raw round trips' (only it may reach every device's topics)
    String servicePassword = java.util.UUID.randomUUID().toString();
    Files.createDirectories(runDir.resolve("db"));
    Files.createDirectories(log.toAbsolutePath().getParent());
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + xmx));
    command.addAll(javaOptions);
    command.addAll(List.of(
        "-Dmicronaut.server.host=127.0.0.1",
        "-Dmicronaut.server.port=" + http,
        // the purge is one synchronous DELETE; the default 5 min idle timeouts would cut a slow one off unmeasured
        "-Dmicronaut.server.idle-timeout=60m",
        "-Dmicronaut.server.read-idle-timeout=60m",
        "-Dmicronaut.server.write-idle-timeout=60m",
        "-Dfleet.coap.enabled=false", // CoapSettings.enabled: no UDP port needed for an MQTT-only bench
        "-Dfleet.mqtt.host=127.0.0.1",
        "-Dfleet.mqtt.data-dir=" + runDir.resolve("broker").toAbsolutePath(),
        "-Dfleet.mqtt.max-queued-messages=" + queue,
        "-Dfleet.jobs.max-in-flight=" + maxInFlight,
        "-Dfleet.security.data-dir=" + runDir.resolve("security").toAbsolutePath(),
        "-Dfleet.security.initial-admin-password=" + adminPassword,
        "-Dfleet.mqtt.password=" + servicePassword,
        "-Ddatasources.default.url=jdbc:h2:file:" + runDir.resolve("db").toAbsolutePath() + "/fleet-jobs;AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=0"));
    // fleet.bootstrap.dir is left unset: the importer only runs when it is set, so the database starts empty
    if (externalBroker != null) {
      command.add("-Dfleet.mqtt.embedded=false");
      command.add("-Dfleet.mqtt.url=" + externalBroker);
    } else {
      command.add("-Dfleet.mqtt.port=" + mqtt);
    }
    // the operator's properties come last: for a repeated -D the last one wins
    properties.forEach(p -> command.add("-D" + p));
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    // the arguments go in a file (java @file): the process's command line then does not name the jar, so a
    // "pkill -f fleet-jobs-app.jar" meant for another service on this shared machine does not end this one
    Path args = runDir.resolve("java.args");
    Files.write(args, command.subList(1, command.size()).stream().map(a -> "\"" + a + "\"").toList());
    Process process = new ProcessBuilder(command.get(0), "@" + args.toAbsolutePath()).directory(runDir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new AppProcess(process, adminPassword, servicePassword, http, mqtt, log);
  }

  /** Waits until {@code GET /health} says UP; fails early if the process dies. */
  void awaitHealthy(Duration timeout, Progress progress) {
    Rest rest = new Rest(apiBase());
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the service exited with code " + process.exitValue() + "; see " + log + "\n" + tail());
      }
      try {
        Rest.Answer health = rest.get("/health");
        if (health.status() == 200 && health.json() != null && "UP".equals(health.json().path("status").asText())) {
          return;
        }
      } catch (IllegalStateException notYet) {
        // not listening yet
      }
      progress.line("start", "waiting for %s/health", apiBase());
      Progress.park(200);
    }
    throw new IllegalStateException("the service was not healthy within " + timeout + "; see " + log + "\n" + tail());
  }

  /** The REST API, signed in as the launched service's admin. */
  Rest signedIn() {
    return new Rest(apiBase()).signIn(ADMIN, adminPassword);
  }

  /** The password of the service's MQTT account ({@code fleet.mqtt.username}, default service@fleet-jobs). */
  String servicePassword() {
    return servicePassword;
  }

  String apiBase() {
    return "http://127.0.0.1:" + httpPort;
  }

  int mqttPort() {
    return mqttPort;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  private void kill() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running already
    }
  }

  static int freeTcpPort() {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freeUdpPort() {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
