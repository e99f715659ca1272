package io.fleetjobs.app.faults;

import static org.awaitility.Awaitility.await;

import io.fleetjobs.app.support.Api;
import io.micronaut.http.client.HttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/fleet-jobs-app.jar}) as a process of its own that tests can kill with SIGKILL
 * ({@link Process#destroyForcibly()}) and start again on the same data and ports, as a crash and an operator's restart
 * would. It runs with production's defaults in a working folder of its own ({@code ./data/db}, {@code ./data/broker},
 * {@code ./data/security} under it), with its own embedded broker; tests add only ports and what they name. It signs in
 * as the first admin with the password it generated into {@code data/security/initial-admin-password}.
 */
final class ServiceProcess implements AutoCloseable {

  static final Path JAR = Path.of("target", "fleet-jobs-app.jar");
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  private final Path dir;
  private final Map<String, String> properties;
  private final int httpPort = freeTcpPort();
  private final int mqttPort = freeTcpPort();
  private final int dtlsPort = freeUdpPort();
  private final Thread killer = new Thread(this::kill, "crash-service-killer");
  private final java.net.http.HttpClient probe = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;
  private HttpClient http;
  private Api api;
  private int starts;

  /**
   * A service of the packaged jar on a data directory of its own under {@code target/<name>/}, with cheap password
   * hashes (tests sign in often) and the test's own {@code settings}; fails if the jar was not packaged.
   */
  static ServiceProcess fresh(String name, Map<String, String> settings) {
    org.assertj.core.api.Assertions.assertThat(JAR).as("the service jar is packaged before the integration tests").isRegularFile();
    Map<String, String> properties = new java.util.HashMap<>(Map.of("fleet.security.password-hash-cost", "4"));
    properties.putAll(settings);
    return new ServiceProcess(Path.of("target", name, String.valueOf(System.nanoTime())), properties);
  }

  /** {@code properties}: the test's own settings, as {@code -D} system properties after the ports. */
  ServiceProcess(Path dir, Map<String, String> properties) {
    this.dir = dir.toAbsolutePath();
    this.properties = Map.copyOf(properties);
    Runtime.getRuntime().addShutdownHook(killer); // a test JVM that dies leaves no service behind
  }

  /** Starts the service and waits until {@code /health} is UP; fails early, with its log's tail, if it exits. */
  void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the service is running already");
    }
    starts++;
    Path log = log(starts);
    try {
      Files.createDirectories(dir);
      List<String> args = new ArrayList<>(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", // C1 only: starts faster, leaves more of two cores to the rest
          "-Dmicronaut.server.host=127.0.0.1", "-Dmicronaut.server.port=" + httpPort,
          "-Dfleet.mqtt.host=127.0.0.1", "-Dfleet.mqtt.port=" + mqttPort,
          "-Dfleet.coap.host=127.0.0.1", "-Dfleet.coap.dtls.port=" + dtlsPort));
      properties.forEach((k, v) -> args.add("-D" + k + "=" + v));
      args.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
      // the arguments go in a file (java @file), so no command line on this shared machine names the jar
      Path argFile = dir.resolve("java.args");
      Files.write(argFile, args.stream().map(a -> "\"" + a + "\"").toList());
      process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + argFile)
          .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    await("the service's start #" + starts).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(this::healthy);
    if (http != null) {
      http.close();
    }
    try {
      var config = new io.micronaut.http.client.DefaultHttpClientConfiguration();
      config.setReadTimeout(Duration.ofMinutes(2)); // a stop of 12,000 devices on a busy machine takes more than the default 10 s
      http = HttpClient.create(new URL(base()), config);
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException(e);
    }
    api = Api.signIn(http.toBlocking(), "admin", adminPassword());
  }

  private boolean healthy() {
    if (!process.isAlive()) {
      throw new IllegalStateException("the service exited with " + process.exitValue() + " at start #" + starts + ":\n" + tail(log(starts)));
    }
    try {
      HttpResponse<String> health = probe.send(HttpRequest.newBuilder(URI.create(base() + "/health")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return health.statusCode() == 200 && "UP".equals(JSON.readTree(health.body()).path("status").asText());
    } catch (IOException notYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGKILL: no shutdown hook, no closing of the database or the broker. Returns once the process is gone. */
  void kill() {
    Process p = process;
    if (p != null && p.isAlive()) {
      p.destroyForcibly();
      try {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the service (pid " + p.pid() + ") did not die within 30 s of SIGKILL");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The REST API, signed in as the first admin; valid until the next kill. */
  Api api() {
    return api;
  }

  int mqttPort() {
    return mqttPort;
  }

  int dtlsPort() {
    return dtlsPort;
  }

  String base() {
    return "http://127.0.0.1:" + httpPort;
  }

  int starts() {
    return starts;
  }

  /** The service's working folder; its H2 database file is {@code data/db/fleet-jobs.mv.db} in it. */
  Path dir() {
    return dir;
  }

  Path log(int start) {
    return dir.resolve("service-" + start + ".log");
  }

  private String adminPassword() {
    try {
      return Files.readString(dir.resolve("data/security/initial-admin-password")).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("the first start wrote no admin password file", e);
    }
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    kill();
    if (http != null) {
      http.close();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs already
    }
  }

  private static int freeTcpPort() {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freeUdpPort() {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
