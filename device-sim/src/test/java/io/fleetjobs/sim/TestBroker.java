package io.fleetjobs.sim;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** One real HiveMQ CE broker on a free loopback port for the simulator's tests, stopped when the JVM ends. */
public final class TestBroker {

  private static int port;

  private TestBroker() {}

  public static synchronized int port() {
    if (port == 0) {
      port = start();
    }
    return port;
  }

  private static int start() {
    int free;
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      free = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path root = Path.of("target", "sim-test-broker").toAbsolutePath();
    try {
      Files.createDirectories(root.resolve("conf"));
      Files.createDirectories(root.resolve("data"));
      Files.createDirectories(root.resolve("extensions"));
      Files.writeString(root.resolve("conf/config.xml"), """
          <?xml version="1.0"?>
          <hivemq>
            <listeners><tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener></listeners>
            <persistence><mode>in-memory</mode></persistence>
            <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
            <!-- the fake service takes every device's burst on one subscription: beyond ~1,000 queued HiveMQ drops -->
            <mqtt><queued-messages><max-queue-size>100000</max-queue-size></queued-messages></mqtt>
          </hivemq>
          """.formatted(free));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(root.resolve("conf"))
        .withDataFolder(root.resolve("data"))
        .withExtensionsFolder(root.resolve("extensions"))
        .withoutLoggingBootstrap()
        .build();
    hivemq.start().join();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> hivemq.stop().join()));
    return free;
  }
}
