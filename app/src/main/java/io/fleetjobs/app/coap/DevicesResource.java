package io.fleetjobs.app.coap;

import io.fleetjobs.app.dispatch.DeviceInbox;
import io.fleetjobs.contract.Checks;
import io.fleetjobs.contract.CoapPaths;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.server.resources.Resource;

/**
 * The resource tree {@code /fleet/v1/devices/{deviceId}/...}. A device's resources are created the first time it
 * is addressed, so any number of devices costs nothing until they talk. Also remembers, per device, the executions
 * canceled recently, which its {@code pending} resource reports until they age out.
 */
@Singleton
class DevicesResource {

  /** Canceled executions remembered per device: enough for any device to see the cancels that concern it. */
  private static final int CANCELS_REMEMBERED = 32;

  private final DeviceInbox inbox;
  private final Clock clock;
  private final Map<String, DeviceNode> nodes = new ConcurrentHashMap<>();
  private final Map<String, Deque<String>> canceled = new ConcurrentHashMap<>();
  private final CoapResource root;

  DevicesResource(DeviceInbox inbox, Clock clock) {
    this.inbox = inbox;
    this.clock = clock;
    CoapResource devices = new CoapResource(CoapPaths.ROOT.get(2)) {
      @Override
      public Resource getChild(String name) {
        Resource existing = super.getChild(name);
        if (existing != null || !Checks.ID.matcher(name).matches()) {
          return existing;
        }
        return nodes.computeIfAbsent(name, id -> {
          DeviceNode node = new DeviceNode(id, DevicesResource.this);
          add(node);
          return node;
        });
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

  DeviceInbox inbox() {
    return inbox;
  }

  Clock clock() {
    return clock;
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
