package io.fleetjobs.app.mqtt;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How the embedded broker keeps sessions and queued messages ({@code fleet.mqtt.embedded-persistence}). */
public enum BrokerPersistence {
  /** In memory: devices reconnect, ask for their pending work and repeat their answers after a restart. */
  IN_MEMORY("in-memory"),
  /** In files under the broker's data folder (HiveMQ's Xodus store), at a cost in CPU per queued message. */
  FILE("file");

  private final String value;

  BrokerPersistence(String value) {
    this.value = value;
  }

  /** The word used in the configuration and in HiveMQ's own {@code <persistence><mode>}. */
  public String value() {
    return value;
  }

  /** The mode a configuration word names; refuses any other word, naming the property and the words it takes. */
  public static BrokerPersistence of(String value) {
    return Arrays.stream(values()).filter(p -> p.value.equals(value)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("fleet.mqtt.embedded-persistence is "
            + Arrays.stream(values()).map(BrokerPersistence::value).collect(Collectors.joining(" or ")) + ", not '" + value + "'"));
  }
}
