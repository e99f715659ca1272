package io.fleetjobs.sim;

import io.fleetjobs.contract.Channel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntFunction;

/**
 * A gateway: one MQTT connection (client id = gateway id, last will = OFFLINE on its own presence topic) that is an
 * ordinary device itself and also acts for K child devices on {@code fleet/v1/gateways/{gw}/devices/{child}/...}.
 * After each connect it announces itself, then each child (birth with the child's template and attributes, then a
 * pending request), at most {@value #ANNOUNCING_AT_ONCE} children at a time so a large gateway does not queue
 * thousands of messages at once. Each child behaves exactly like a direct device (its own {@link SimulatedDevice}).
 */
public final class SimulatedGateway {

  /** Children announced at once per gateway: keeps 100 gateways x 1,000 children from queueing 200,000 publishes. */
  static final int ANNOUNCING_AT_ONCE = 32;

  private final String id;
  private final SimulatedDevice device;
  private final MqttLink link;
  private final Map<String, SimulatedDevice> children = new LinkedHashMap<>();
  private final Map<String, ChildLink> childLinks = new LinkedHashMap<>();
  private final ScheduledExecutorService scheduler;

  /** What a gateway is made of; the fleet fills it in. */
  record Spec(
      String id, String template, Map<String, String> attributes, Behaviour behaviour, String childTemplate,
      List<String> childIds, IntFunction<Map<String, String>> childAttributes, java.util.function.Function<String, Behaviour> childBehaviour,
      String host, int port, String secret, boolean echo, com.hivemq.client.mqtt.MqttClientSslConfig ssl) {}

  SimulatedGateway(Spec spec, ScheduledExecutorService scheduler, FleetStats stats, FleetControl control) {
    this.id = spec.id();
    this.scheduler = scheduler;
    MqttLink[] made = new MqttLink[1];
    MqttLink.Children hooks = new MqttLink.Children() {
      @Override
      public void deliver(String childId, Channel channel, byte[] payload) {
        ChildLink child = childLinks.get(childId);
        if (child != null) {
          child.deliver(channel, payload);
        } // a message for a child this gateway does not have: a real gateway would ignore it too
      }

      @Override
      public CompletableFuture<Void> announceAll() {
        return announceChildren();
      }

      @Override
      public void gatewayDown() {
        childLinks.values().forEach(ChildLink::gatewayDown);
      }
    };
    this.device = new SimulatedDevice(id, spec.template(), spec.attributes(), spec.behaviour(), scheduler, stats, control,
        (birth, listener) -> made[0] = new MqttLink(id, birth, spec.host(), spec.port(), spec.secret(), listener, hooks,
            spec.echo() ? scheduler : null, spec.ssl()));
    this.link = made[0];
    int i = 0;
    for (String childId : spec.childIds()) {
      SimulatedDevice child = new SimulatedDevice(childId, spec.childTemplate(), spec.childAttributes().apply(i++),
          spec.childBehaviour().apply(childId), scheduler, stats, control, (birth, listener) -> {
            ChildLink childLink = new ChildLink(id, childId, birth, listener, link);
            childLinks.put(childId, childLink);
            return childLink;
          });
      children.put(childId, child);
    }
  }

  /** Children's births and pending requests, {@value #ANNOUNCING_AT_ONCE} at a time; each finished one starts the next. */
  private CompletableFuture<Void> announceChildren() {
    return Throttled.forEach(new ArrayList<>(childLinks.values()), ANNOUNCING_AT_ONCE, ChildLink::announce, (child, e) -> e, scheduler);
  }

  public String id() {
    return id;
  }

  /** The gateway as a device of its own (its template, its executions). */
  public SimulatedDevice device() {
    return device;
  }

  public List<SimulatedDevice> children() {
    return List.copyOf(children.values());
  }

  public SimulatedDevice child(String childId) {
    SimulatedDevice child = children.get(childId);
    if (child == null) {
      throw new NoSuchElementException("gateway '" + id + "' has no child '" + childId + "'");
    }
    return child;
  }

  public boolean isConnected() {
    return device.isConnected();
  }

  /** Connects; completes once the gateway and every child have been announced. */
  public CompletableFuture<Void> connect() {
    return device.connect();
  }

  /** Drops the connection without a goodbye (its last will fires, so the service counts every child offline). */
  public void disconnect() {
    device.disconnect();
  }

  /** Drops, then connects and announces itself and its children again. */
  public CompletableFuture<Void> reconnect() {
    return device.reconnect();
  }

  /**
   * Says OFFLINE for itself and disconnects; its children go with it (the service counts them offline with their
   * gateway), so no per-child OFFLINE is sent.
   */
  CompletableFuture<Void> close() {
    children.values().forEach(SimulatedDevice::abandonWork);
    return device.close();
  }
}
