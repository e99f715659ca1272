package io.fleetjobs.app.coap;

import io.fleetjobs.app.inbox.DeviceInbox;
import io.fleetjobs.contract.Checks;
import io.fleetjobs.contract.CoapPaths;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.server.resources.Resource;

/**
 * The resource tree {@code /fleet/v1/devices/{deviceId}/...}. A device's resources are created the first time it
 * is addressed (after {@link DeviceGate} let the request in), so any number of devices costs nothing until they talk;
 * at most {@code fleet.coap.limits.max-devices} are kept, those that observe nothing being dropped first to make
 * room (they hold no state: the next request makes them again). Also remembers, per device, the executions canceled
 * recently, which its {@code pending} resource reports until they age out; for at most as many devices as it keeps
 * state for, those canceled longest ago forgotten first (a device told nothing finds out when it answers: the
 * execution is refused as canceled).
 */
@Singleton
class DevicesResource {

  /** Canceled executions remembered per device: enough for any device to see the cancels that concern it. */
  private static final int CANCELS_REMEMBERED = 32;

  private final DeviceInbox inbox;
  private final Clock clock;
  private final io.fleetjobs.app.limits.DeviceRefusals refusals;
  private final int maxNodes;
  private final ObserveSettings observe;
  private final Map<String, DeviceNode> nodes = new ConcurrentHashMap<>();
  private final Map<String, Deque<String>> canceled;
  private final AtomicLong lastEviction = new AtomicLong(Long.MIN_VALUE / 2);
  private final CoapResource devices;
  private final CoapResource root;

  DevicesResource(DeviceInbox inbox, Clock clock, CoapLimits limits, ObserveSettings observe, io.fleetjobs.app.limits.DeviceRefusals refusals) {
    this.inbox = inbox;
    this.observe = observe;
    this.refusals = refusals;
    this.clock = clock;
    this.maxNodes = limits.maxDevices();
    this.canceled = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Deque<String>> eldest) {
        return size() > maxNodes;
      }
    });
    devices = new CoapResource(CoapPaths.ROOT.get(2)) {
      @Override
      public Resource getChild(String name) {
        return Checks.ID.matcher(name).matches() ? node(name) : null;
      }
    };
    devices.setVisible(false);
    root = new CoapResource(CoapPaths.ROOT.get(0));
    CoapResource version = new CoapResource(CoapPaths.ROOT.get(1));
    root.add(version);
    version.add(devices);
  }

  CoapResource root() {
    return root;
  }

  /**
   * The device's resources, made now if need be; null when {@code maxNodes} devices are kept and every one of them
   * observes its {@code pending} resource (or room was last made less than a second ago).
   */
  DeviceNode node(String deviceId) {
    DeviceNode existing = nodes.get(deviceId);
    if (existing != null) {
      return existing;
    }
    if (nodes.size() >= maxNodes && !makeRoom()) {
      return null;
    }
    return nodes.computeIfAbsent(deviceId, id -> {
      DeviceNode node = new DeviceNode(id, this);
      devices.add(node);
      return node;
    });
  }

  /** Devices whose resources are kept right now. */
  int kept() {
    return nodes.size();
  }

  private boolean makeRoom() {
    long now = clock.millis();
    long last = lastEviction.get();
    if (now - last >= 1000 && lastEviction.compareAndSet(last, now)) {
      nodes.values().removeIf(node -> {
        if (node.observed()) {
          return false;
        }
        devices.delete(node);
        return true;
      });
    }
    return nodes.size() < maxNodes;
  }

  DeviceInbox inbox() {
    return inbox;
  }

  /** Counts a device's refused requests and logs them per device per interval, never a line each. */
  io.fleetjobs.app.limits.DeviceRefusals refusals() {
    return refusals;
  }

  Clock clock() {
    return clock;
  }

  ObserveSettings observe() {
    return observe;
  }

  /**
   * Whether a notification reaches the device now: it observes its {@code pending} resource here. After a restart
   * no device does until it observes again, and then its first answer lists its work.
   */
  boolean observing(String deviceId) {
    DeviceNode node = nodes.get(deviceId);
    return node != null && node.observed();
  }

  /** Refreshes every observation that has had no notification for {@code fleet.coap.observe.refresh}. */
  void refreshQuiet() {
    long now = clock.millis();
    long quiet = observe.refresh().toMillis();
    nodes.values().forEach(node -> node.refreshIfQuiet(now, quiet));
  }

  /** Tells a device observing its {@code pending} resource that its work changed. */
  void notifyPending(String deviceId) {
    DeviceNode node = nodes.get(deviceId);
    if (node != null) {
      node.pendingChanged();
    }
  }

  void canceled(String deviceId, String executionId) {
    Deque<String> recent = canceled.computeIfAbsent(deviceId, id -> new ArrayDeque<>());
    synchronized (recent) {
      recent.addLast(executionId);
      while (recent.size() > CANCELS_REMEMBERED) {
        recent.removeFirst();
      }
    }
    notifyPending(deviceId);
  }

  /** Devices whose recent cancels are remembered now. */
  int rememberingCancels() {
    return canceled.size();
  }

  List<String> canceledFor(String deviceId) {
    Deque<String> recent = canceled.get(deviceId);
    if (recent == null) {
      return List.of();
    }
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }
}
