package io.fleetjobs.sim;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Many {@link SimulatedDevice}s against one broker (or, for CoAP devices, the service's CoAP server). Device ids are {@code idPrefix} + the index, zero-padded to the
 * width of the largest index and at least 4 digits ({@code sim-0007}); indexes run from {@code startIndex}. All devices share one scheduler and the
 * MQTT client's shared network threads, so thousands fit in one JVM.
 */
public final class SimulatedFleet implements AutoCloseable {

  /** Connections being opened at once: enough to be fast, few enough not to swamp the broker. */
  private static final int CONNECTING_AT_ONCE = 200;

  private final Map<String, SimulatedDevice> devices = new LinkedHashMap<>();
  private final ScheduledExecutorService scheduler;
  private final FleetStats stats = new FleetStats();
  private final Duration connectTimeout;

  private SimulatedFleet(Builder b) {
    this.scheduler = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "device-sim");
      t.setDaemon(true);
      return t;
    });
    this.connectTimeout = b.connectTimeout;
    int width = Math.max(4, String.valueOf(b.startIndex + b.count - 1).length());
    for (int i = b.startIndex; i < b.startIndex + b.count; i++) {
      String id = b.idPrefix + String.format("%0" + width + "d", i);
      Behaviour behaviour = b.behaviourFor == null ? null : b.behaviourFor.apply(id);
      devices.put(id, new SimulatedDevice(id, b.template, b.attributes.apply(i), behaviour == null ? b.behaviour : behaviour,
          b.protocol, b.host, b.protocol == SimulatedDevice.Protocol.COAP ? b.coapPort : b.port, scheduler, stats));
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Connects every device, at most {@value #CONNECTING_AT_ONCE} at a time, and returns once all are connected and
   * announced.
   *
   * @throws IllegalStateException if they are not within the builder's connect timeout (2 minutes by default)
   */
  public void start() {
    try {
      startAsync().get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("only %d of %d devices connected within %s"
          .formatted(stats.connected(), devices.size(), connectTimeout));
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting", e);
    }
  }

  /** Like {@link #start()} without waiting: each finished connect starts the next one. */
  public CompletableFuture<Void> startAsync() {
    CompletableFuture<Void> all = new CompletableFuture<>();
    Iterator<SimulatedDevice> queue = List.copyOf(devices.values()).iterator();
    AtomicInteger left = new AtomicInteger(devices.size());
    for (int i = 0; i < CONNECTING_AT_ONCE; i++) {
      connectNext(queue, left, all);
    }
    return all;
  }

  private void connectNext(Iterator<SimulatedDevice> queue, AtomicInteger left, CompletableFuture<Void> all) {
    SimulatedDevice device;
    synchronized (queue) {
      if (all.isDone() || !queue.hasNext()) {
        return;
      }
      device = queue.next();
    }
    // continue on the scheduler: never on the caller's stack (no deep recursion) nor longer than needed on Netty's
    device.connect().whenCompleteAsync((v, e) -> {
      if (e != null) {
        all.completeExceptionally(new IllegalStateException("device " + device.id() + " could not connect: " + e.getMessage(), e));
      } else if (left.decrementAndGet() == 0) {
        all.complete(null);
      } else {
        connectNext(queue, left, all);
      }
    }, scheduler);
  }

  public SimulatedDevice device(String id) {
    SimulatedDevice device = devices.get(id);
    if (device == null) {
      throw new NoSuchElementException("no simulated device '" + id + "'");
    }
    return device;
  }

  public List<SimulatedDevice> devices() {
    return List.copyOf(devices.values());
  }

  public FleetStats stats() {
    return stats;
  }

  /** Every device says OFFLINE and disconnects cleanly. */
  @Override
  public void close() {
    CompletableFuture.allOf(devices.values().stream().map(SimulatedDevice::close).toArray(CompletableFuture[]::new))
        .completeOnTimeout(null, 10, TimeUnit.SECONDS)
        .join();
    scheduler.shutdownNow();
  }

  /** Builds a {@link SimulatedFleet}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 1883;
    private String template = "vending-fridge";
    private String idPrefix = "sim-";
    private int count = 50;
    private int startIndex;
    private IntFunction<Map<String, String>> attributes = Builder::defaultAttributes;
    private Behaviour behaviour = Behaviour.defaults();
    private Function<String, Behaviour> behaviourFor;
    private Duration connectTimeout = Duration.ofMinutes(2);
    private SimulatedDevice.Protocol protocol = SimulatedDevice.Protocol.MQTT;
    private int coapPort = 5683;

    private static final String[] REGIONS = {"north", "south", "east", "west"};

    /** By default devices spread over four regions and share a model. */
    static Map<String, String> defaultAttributes(int index) {
      return Map.of("region", REGIONS[index % REGIONS.length], "model", "VF-200");
    }

    public Builder brokerHost(String host) {
      this.host = Objects.requireNonNull(host);
      return this;
    }

    public Builder brokerPort(int port) {
      this.port = port;
      return this;
    }

    public Builder template(String template) {
      this.template = Objects.requireNonNull(template);
      return this;
    }

    public Builder idPrefix(String idPrefix) {
      this.idPrefix = Objects.requireNonNull(idPrefix);
      return this;
    }

    public Builder count(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("count must be at least 1");
      }
      this.count = count;
      return this;
    }

    public Builder startIndex(int startIndex) {
      this.startIndex = startIndex;
      return this;
    }

    public Builder attributes(IntFunction<Map<String, String>> attributes) {
      this.attributes = Objects.requireNonNull(attributes);
      return this;
    }

    public Builder behaviour(Behaviour behaviour) {
      this.behaviour = Objects.requireNonNull(behaviour);
      return this;
    }

    /** Per-device behaviour; where it returns null the fleet's behaviour applies. */
    public Builder behaviourFor(Function<String, Behaviour> behaviourFor) {
      this.behaviourFor = behaviourFor;
      return this;
    }

    /** MQTT (default) or CoAP for every device of the fleet. */
    public Builder protocol(SimulatedDevice.Protocol protocol) {
      this.protocol = Objects.requireNonNull(protocol);
      return this;
    }

    /** The service's CoAP port (UDP, default 5683), for a CoAP fleet. */
    public Builder coapPort(int port) {
      this.coapPort = port;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    public SimulatedFleet build() {
      return new SimulatedFleet(this);
    }
  }
}
