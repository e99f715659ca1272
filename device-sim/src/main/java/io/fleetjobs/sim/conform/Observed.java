package io.fleetjobs.sim.conform;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the conformance broker saw one client do, in the order it happened. {@code seq} orders these events against
 * each other and against what conform itself sent ({@link Observer#mark()}); {@code connection} counts the client's
 * connections from 1.
 */
public sealed interface Observed {

  long seq();

  int connection();

  /** A CONNECT: the settings of §1. {@code mqttVersion} is "3.1", "3.1.1" or "5". */
  record Connect(long seq, int connection, String clientId, String mqttVersion, int keepAlive, Optional<String> userName,
      Optional<Will> will) implements Observed {}

  /** The last will a CONNECT carried. */
  record Will(String topic, int qos, boolean retain, byte[] payload) {
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  /** One topic filter of a SUBSCRIBE. */
  record Subscribe(long seq, int connection, String filter, int qos) implements Observed {}

  /** A PUBLISH the client sent; {@code dup} marks a retransmission of one sent before. */
  record Publish(long seq, int connection, String topic, int qos, boolean retain, boolean dup, byte[] payload)
      implements Observed {
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }
}
