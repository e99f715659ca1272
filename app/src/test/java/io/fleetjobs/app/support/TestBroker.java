package io.fleetjobs.app.support;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real HiveMQ CE broker for the whole test JVM, on a free loopback port: it takes ~2 s to start and ~4 s to stop,
 * so test classes share it and each application context uses its own client id and shared-subscription group.
 */
public final class TestBroker {

  private static EmbeddedHiveMQ hivemq;
  private static int port;

  private TestBroker() {}

  public static synchronized int port() {
    if (hivemq == null) {
      start();
    }
    return port;
  }

  private static void start() {
    port = freePort();
    Path root = Path.of("target", "test-broker-" + ProcessHandle.current().pid()).toAbsolutePath();
    try {
      Files.createDirectories(root.resolve("conf"));
      Files.createDirectories(root.resolve("data"));
      Files.createDirectories(root.resolve("extensions"));
      Files.writeString(root.resolve("conf/config.xml"), """
          <?xml version="1.0"?>
          <hivemq>
            <listeners><tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener></listeners>
            <mqtt><queued-messages><max-queue-size>200000</max-queue-size></queued-messages></mqtt>
            <persistence><mode>in-memory</mode></persistence>
            <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
          </hivemq>
          """.formatted(port));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    hivemq = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(root.resolve("conf"))
        .withDataFolder(root.resolve("data"))
        .withExtensionsFolder(root.resolve("extensions"))
        .withoutLoggingBootstrap()
        .build();
    hivemq.start().join();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> hivemq.stop().join()));
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
