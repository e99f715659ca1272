package io.fleetjobs.sim.conform;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fleetjobs.contract.Topics;
import io.fleetjobs.contract.message.Operation;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How conform drives a device.
 *
 * @param deviceId the device under test (its client id)
 * @param connectWait how long to wait for it to connect, at the start and after the forced disconnect
 * @param timeout each execution's {@code timeoutSeconds} (whole seconds, at least 1), and the longest conform waits
 *     for any one answer
 * @param settle how long conform watches for more after an answer (a second final update, a resend)
 * @param operations one execution each (§6); the contract example's three by default
 * @param cannotCancel the device cannot stop work: a final update after a cancel is then its truthful outcome (§8)
 * @param children the child devices the device under test speaks for as a gateway (§9); none for a direct device
 */
public record ConformOptions(String deviceId, Duration connectWait, Duration timeout, Duration settle, List<Operation> operations,
    boolean cannotCancel, List<String> children) {

  /** The operations of the contract's ExecutionRequest example (§4). */
  public static final List<Operation> EXAMPLE_OPERATIONS = List.of(
      Operation.setting("fanSpeed", IntNode.valueOf(3)),
      Operation.property("label", TextNode.valueOf("Cold drinks")),
      Operation.command("defrost", Map.of("minutes", IntNode.valueOf(10))));

  public ConformOptions {
    Topics.deviceSubscription(deviceId); // refuses an id that is not one, naming it
    if (timeout.toSeconds() < 1) {
      throw new IllegalArgumentException("timeout must be at least 1 s: it is sent as whole timeoutSeconds");
    }
    operations = List.copyOf(operations.isEmpty() ? EXAMPLE_OPERATIONS : operations);
    children = List.copyOf(new java.util.LinkedHashSet<>(children));
    for (String child : children) {
      Topics.childTopic(deviceId, child, io.fleetjobs.contract.Channel.EXECUTION); // refuses an id that is not one, naming it
      if (child.equals(deviceId)) {
        throw new IllegalArgumentException("child " + child + " is the gateway itself: a child has a device id of its own");
      }
    }
  }

  /** A direct device: no children. */
  public ConformOptions(String deviceId, Duration connectWait, Duration timeout, Duration settle, List<Operation> operations,
      boolean cannotCancel) {
    this(deviceId, connectWait, timeout, settle, operations, cannotCancel, List.of());
  }

  /** Whether the device under test is checked as a gateway (§9). */
  public boolean gateway() {
    return !children.isEmpty();
  }

  /** A duration as the command line writes it: {@code 300ms}, {@code 30s}, {@code 2m}. */
  public static String describe(Duration d) {
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    return d.toSeconds() % 60 == 0 && d.toSeconds() > 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
  }

  public long timeoutSeconds() {
    return timeout.toSeconds();
  }
}
