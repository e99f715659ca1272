package io.fleetjobs.sim.conform;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The broker a device under test connects to: an embedded HiveMQ CE on {@code bind:port} (loopback by default) with
 * the {@link Observer} extension, in-memory persistence and no usage statistics, its files in a temporary folder
 * removed on close. It accepts any client and any credential: conform observes, it does not authenticate.
 */
public final class ConformBroker implements AutoCloseable {

  private final EmbeddedHiveMQ hivemq;
  private final Observer observer;
  private final String host;
  private final int port;
  private final Path folder;

  private ConformBroker(EmbeddedHiveMQ hivemq, Observer observer, String host, int port, Path folder) {
    this.hivemq = hivemq;
    this.observer = observer;
    this.host = host;
    this.port = port;
    this.folder = folder;
  }

  /** Starts a broker on {@code bind}; {@code port} 0 picks a free one. */
  public static ConformBroker start(String bind, int port) {
    int chosen = port == 0 ? freePort(bind) : port;
    Path folder;
    try {
      folder = Files.createTempDirectory("fleet-conform-");
      for (String sub : new String[] {"conf", "data", "extensions"}) {
        Files.createDirectories(folder.resolve(sub));
      }
      Files.writeString(folder.resolve("conf/config.xml"), """
          <?xml version="1.0"?>
          <hivemq>
            <listeners><tcp-listener><port>%d</port><bind-address>%s</bind-address></tcp-listener></listeners>
            <persistence><mode>in-memory</mode></persistence>
            <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
          </hivemq>
          """.formatted(chosen, bind));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Observer observer = new Observer();
    EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(folder.resolve("conf"))
        .withDataFolder(folder.resolve("data"))
        .withExtensionsFolder(folder.resolve("extensions"))
        .withEmbeddedExtension(EmbeddedExtension.builder()
            .withId("fleet-conform").withName("Fleet Jobs conformance observer").withVersion("1").withAuthor("Fleet Jobs")
            .withPriority(1000).withStartPriority(1000).withExtensionMain(observer).build())
        .withoutLoggingBootstrap()
        .build();
    hivemq.start().join();
    return new ConformBroker(hivemq, observer, bind, chosen, folder);
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  Observer observer() {
    return observer;
  }

  @Override
  public void close() {
    try {
      hivemq.stop().join();
      hivemq.close();
    } catch (Exception e) {
      // the run's verdict is made; a broker that stops untidily changes nothing about it
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary folder is harmless
    }
  }

  private static int freePort(String bind) {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName(bind))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
