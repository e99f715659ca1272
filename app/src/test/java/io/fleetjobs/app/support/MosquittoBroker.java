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
 */
public final class MosquittoBroker implements BeforeAllCallback, AfterAllCallback {

  public static final String BINARY = "/usr/sbin/mosquitto";
  private static final Path EXAMPLE = Path.of("..", "config", "examples", "mosquitto.conf");
  private static final String EXAMPLE_DIR = "/etc/mosquitto/fleet-jobs/";

  private final Path binary;
  private final boolean onCi;
  private Process process;
  private Thread shutdownHook;
  private int devicePort;
  private int servicePort;
  private Path root;

  public MosquittoBroker() {
    this(Path.of(BINARY), MissingTool.onCi());
  }

  MosquittoBroker(Path binary, boolean onCi) {
    this.binary = binary;
    this.onCi = onCi;
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
    Path conf = root.resolve("mosquitto.conf");
    Files.writeString(conf, configuration(Files.readString(EXAMPLE)));
    process = new ProcessBuilder(binary.toString(), "-c", conf.toString()).redirectErrorStream(true).redirectOutput(log().toFile()).start();
    shutdownHook = new Thread(process::destroyForcibly);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    await("mosquitto listening on " + devicePort + " and " + servicePort).atMost(Duration.ofSeconds(10)).until(() -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ": " + Files.readString(log()));
      }
      return listening(devicePort) && listening(servicePort);
    });
  }

  /** The example, with this run's ports and folder, run as the current user, in memory, logging to a file. */
  private String configuration(String example) {
    List<String> lines = new ArrayList<>(List.of(
        "# config/examples/mosquitto.conf as " + getClass().getSimpleName() + " runs it",
        "user " + System.getProperty("user.name"), // as root mosquitto would switch to its own user, who cannot read target/
        "persistence false",
        "log_dest stderr",
        "log_type all"));
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

  /** What makes this mosquitto read its files again. */
  public String reloadCommand() {
    return "kill -HUP " + process.pid();
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
