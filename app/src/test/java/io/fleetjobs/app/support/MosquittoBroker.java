package io.fleetjobs.app.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's mosquitto ({@value #BINARY}) for one test class, started with the project's own example configuration
 * ({@code config/examples/mosquitto.conf}) on two free loopback ports and a folder under {@code target/}, and stopped
 * (its process destroyed) when the class ends. Its files start empty; the service under test writes them. Without
 * mosquitto the class is skipped, except on CI ({@code CI=true}), where it fails: {@code .ci/run} installs it.
 *
 * <p>{@link #persistent()} keeps sessions and queued messages in a folder of its own ({@code persistence true}), so a
 * test can {@link #stop()} or {@link #kill()} mosquitto mid-run and {@link #start()} it again on the same ports, with
 * the same configuration and persistence folder, as an operator's restart would.
 */
public final class MosquittoBroker implements BeforeAllCallback, AfterAllCallback {

  public static final String BINARY = "/usr/sbin/mosquitto";
  private static final Path EXAMPLE = Path.of("..", "config", "examples", "mosquitto.conf");
  private static final String EXAMPLE_DIR = "/etc/mosquitto/fleet-jobs/";

  private final Path binary;
  private final boolean onCi;
  private final boolean persistent;
  private Process process;
  private Thread shutdownHook;
  private int devicePort;
  private int servicePort;
  private Path root;

  public MosquittoBroker() {
    this(Path.of(BINARY), MissingTool.onCi(), false);
  }

  MosquittoBroker(Path binary, boolean onCi) {
    this(binary, onCi, false);
  }

  private MosquittoBroker(Path binary, boolean onCi, boolean persistent) {
    this.binary = binary;
    this.onCi = onCi;
    this.persistent = persistent;
  }

  /** A mosquitto that keeps sessions and queued messages across its restarts, in {@code persistence/} of its folder. */
  public static MosquittoBroker persistent() {
    return new MosquittoBroker(Path.of(BINARY), MissingTool.onCi(), true);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (!Files.isExecutable(binary)) {
      MissingTool.skipOrFail(binary + " is missing: apt-get install mosquitto (.ci/run does)", onCi);
    }
    devicePort = TestBroker.freePort();
    servicePort = TestBroker.freePort();
    root = Path.of("target", "mosquitto-" + devicePort).toAbsolutePath();
    Files.createDirectories(filesDir());
    for (String name : List.of("devices.passwd", "service.passwd", "fleet.acl")) {
      Files.writeString(filesDir().resolve(name), "");
    }
    if (persistent) {
      Files.createDirectories(persistenceDir());
    }
    Files.writeString(conf(), configuration(Files.readString(EXAMPLE)));
    shutdownHook = new Thread(() -> {
      Process running = process;
      if (running != null) {
        running.destroyForcibly();
      }
    });
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    start();
  }

  /**
   * Starts mosquitto (again, after {@link #stop()} or {@link #kill()}) on this class's ports and configuration, and
   * waits until both listeners accept connections. Its log is appended to.
   */
  public void start() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("mosquitto is running already (pid " + process.pid() + ")");
    }
    process = new ProcessBuilder(binary.toString(), "-c", conf().toString()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
    Files.writeString(pidFile(), process.pid() + "\n");
    Process started = process;
    await("mosquitto listening on " + devicePort + " and " + servicePort).atMost(Duration.ofSeconds(10)).until(() -> {
      if (!started.isAlive()) {
        throw new IllegalStateException("mosquitto exited with " + started.exitValue() + ": " + Files.readString(log()));
      }
      return listening(devicePort) && listening(servicePort);
    });
  }

  /** Stops mosquitto as an init system does (SIGTERM), waiting until it exited: a persistent one saves its state first. */
  public void stop() throws InterruptedException {
    end(process.toHandle()::destroy);
  }

  /** Kills mosquitto (SIGKILL), as a crash would: nothing saved since its last autosave survives. */
  public void kill() throws InterruptedException {
    end(process.toHandle()::destroyForcibly);
  }

  private void end(Runnable signal) throws InterruptedException {
    signal.run();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("mosquitto (pid " + process.pid() + ") did not exit within 10 s");
    }
    await("mosquitto's ports closed").atMost(Duration.ofSeconds(5)).until(() -> !listening(devicePort) && !listening(servicePort));
  }

  /**
   * The example, with this run's ports and folder, run as the current user, logging to a file; in memory unless
   * {@link #persistent()}.
   */
  private String configuration(String example) {
    List<String> lines = new ArrayList<>(List.of(
        "# config/examples/mosquitto.conf as " + getClass().getSimpleName() + " runs it",
        "user " + System.getProperty("user.name"), // as root mosquitto would switch to its own user, who cannot read target/
        "log_dest stderr",
        "log_type all"));
    if (persistent) {
      lines.addAll(List.of(
          "persistence true",
          "persistence_location " + persistenceDir() + "/",
          "persistence_file mosquitto.db"));
    } else {
      lines.add("persistence false");
    }
    int listeners = 0;
    int folders = 0;
    for (String line : example.lines().toList()) {
      if (line.equals("listener 1883")) {
        line = "listener " + devicePort + " 127.0.0.1";
        listeners++;
      } else if (line.equals("listener 1884 127.0.0.1")) {
        line = "listener " + servicePort + " 127.0.0.1";
        listeners++;
      } else if (line.contains(EXAMPLE_DIR)) {
        line = line.replace(EXAMPLE_DIR, filesDir() + "/");
        folders++;
      }
      lines.add(line);
    }
    if (listeners != 2 || folders != 4) {
      throw new IllegalStateException(EXAMPLE + " no longer has the two listeners and four files this test replaces");
    }
    return String.join("\n", lines) + "\n";
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    if (shutdownHook != null) {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    }
  }

  /** The devices' listener. */
  public int devicePort() {
    return devicePort;
  }

  /** The service's listener. */
  public int servicePort() {
    return servicePort;
  }

  /** Where mosquitto reads devices.passwd, service.passwd and fleet.acl. */
  public Path filesDir() {
    return root.resolve("files");
  }

  /** What makes this mosquitto read its files again: by the pid file, so it still holds after {@link #start()} again. */
  public String reloadCommand() {
    return "kill -HUP $(cat '" + pidFile() + "')";
  }

  /** The running mosquitto's pid. */
  public long pid() {
    return process.pid();
  }

  /** Whether mosquitto runs now. */
  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Where a {@link #persistent()} mosquitto keeps its sessions and queued messages ({@code mosquitto.db}). */
  public Path persistenceDir() {
    return root.resolve("persistence");
  }

  private Path conf() {
    return root.resolve("mosquitto.conf");
  }

  private Path pidFile() {
    return root.resolve("mosquitto.pid");
  }

  public Path log() {
    return root.resolve("mosquitto.log");
  }

  /** The log so far, for assertion messages. */
  public String logText() {
    try {
      return Files.readString(log());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
