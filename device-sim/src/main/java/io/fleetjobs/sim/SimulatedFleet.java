package io.fleetjobs.sim;

import java.time.Duration;
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
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Many {@link SimulatedDevice}s against one broker (or, for CoAP devices, the service's CoAP server). Device ids are {@code idPrefix} + the index, zero-padded to the
 * width of the largest index and at least 4 digits ({@code sim-0007}); indexes run from {@code startIndex}. All devices share one scheduler and the
 * MQTT client's shared network threads, so thousands fit in one JVM.
 *
 * <p>With {@code gateways(G)} and {@code children(K)} the fleet also holds G {@link SimulatedGateway}s
 * ({@code idPrefix + "gw-0000"}, ...) of {@code gatewayTemplate}, each acting for K children
 * ({@code <gatewayId>-c-0000}, ...) of {@code template}; children are listed among {@link #devices()} like direct ones.
 */
public final class SimulatedFleet implements AutoCloseable {

  /** Told about every first final update a device publishes (repeats are not), with the instant it was handed over. */
  @FunctionalInterface
  public interface AnswerListener {
    void answered(String deviceId, String executionId, java.time.Instant publishedAt);
  }

  /** Connections being opened at once: enough to be fast, few enough not to swamp the broker. */
  private static final int CONNECTING_AT_ONCE = 200;

  private final Map<String, SimulatedDevice> devices = new LinkedHashMap<>();
  private final Map<String, SimulatedGateway> gateways = new LinkedHashMap<>();
  /** What start() connects: direct devices, then gateways (which announce their children). */
  private final List<Connectable> connectables = new java.util.ArrayList<>();
  private final ScheduledExecutorService scheduler;
  private final FleetStats stats = new FleetStats();
  private final FleetControl control = new FleetControl();
  private final Duration connectTimeout;

  private record Connectable(String id, java.util.function.Supplier<CompletableFuture<Void>> connect,
      java.util.function.Supplier<CompletableFuture<Void>> close) {}

  private SimulatedFleet(Builder b) {
    this.scheduler = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "device-sim");
      t.setDaemon(true);
      return t;
    });
    this.connectTimeout = b.connectTimeout;
    Function<String, Behaviour> behaviourOf = id -> {
      Behaviour own = b.behaviourFor == null ? null : b.behaviourFor.apply(id);
      return own == null ? b.behaviour : own;
    };
    int port = b.protocol == SimulatedDevice.Protocol.COAP ? b.coapPort : b.port;
    DeviceTls tls = b.tls ? DeviceTls.of(b.caFile, b.clientCertDir) : null;
    if (b.gateways > 0 && b.protocol == SimulatedDevice.Protocol.COAP) {
      throw new IllegalArgumentException("gateways are MQTT only");
    }
    Enroller enroller = b.enrolToken == null ? null : new Enroller(b.host, port, b.enrolToken, b.connectTimeout);
    Map<String, List<PlannedDevice>> childrenOf = new java.util.LinkedHashMap<>();
    List<PlannedDevice> gatewayPlans = new java.util.ArrayList<>();
    for (PlannedDevice planned : b.plan()) {
      if (planned.gatewayId() != null) {
        childrenOf.computeIfAbsent(planned.gatewayId(), g -> new java.util.ArrayList<>()).add(planned);
      } else if (planned.gateway()) {
        gatewayPlans.add(planned);
      } else {
        String id = planned.id();
        com.hivemq.client.mqtt.MqttClientSslConfig ssl = tls == null || b.protocol == SimulatedDevice.Protocol.COAP ? null : tls.forClient(id);
        String secret = b.secretOf.apply(id);
        SimulatedDevice device = new SimulatedDevice(id, planned.template(), planned.attributes(), behaviourOf.apply(id), scheduler, stats,
            control, (birth, listener) -> {
              if (b.protocol == SimulatedDevice.Protocol.COAP) {
                return new CoapLink(id, birth, b.host, port, SimulatedDevice.COAP_LIFETIME_SECONDS, scheduler, listener);
              }
              Function<String, DeviceLink> mqtt = s -> new MqttLink(id, birth, b.host, port, s, listener, null, b.benchEcho ? scheduler : null, ssl);
              return secret != null || enroller == null ? mqtt.apply(secret)
                  : new EnrollingLink(id, () -> enroller.enrol(id, planned.attributes(), ssl), mqtt, b.onEnrolled);
            });
        devices.put(id, device);
        connectables.add(new Connectable(id, device::connect, device::close));
      }
    }
    for (PlannedDevice g : gatewayPlans) {
      String gatewayId = g.id();
      List<PlannedDevice> kids = childrenOf.getOrDefault(gatewayId, List.of());
      SimulatedGateway gateway = new SimulatedGateway(new SimulatedGateway.Spec(gatewayId, g.template(), g.attributes(),
          behaviourOf.apply(gatewayId), b.template, kids.stream().map(PlannedDevice::id).toList(), i -> kids.get(i).attributes(),
          behaviourOf, b.host, b.port, b.secretOf.apply(gatewayId), b.benchEcho, tls == null ? null : tls.forClient(gatewayId)),
          scheduler, stats, control);
      gateways.put(gatewayId, gateway);
      gateway.children().forEach(child -> devices.put(child.id(), child));
      connectables.add(new Connectable(gatewayId, gateway::connect, gateway::close));
    }
  }

  /**
   * One device a fleet is made of, as it would be registered: id, template, attributes, the gateway it is a child of
   * (or null), whether it is itself a gateway, and its protocol.
   */
  public record PlannedDevice(String id, String template, Map<String, String> attributes, String gatewayId, boolean gateway,
      SimulatedDevice.Protocol protocol) {}

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
          .formatted(stats.connected(), devices.size() + gateways.size(), connectTimeout));
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting", e);
    }
  }

  /** Like {@link #start()} without waiting: each finished connect starts the next one. */
  public CompletableFuture<Void> startAsync() {
    return Throttled.forEach(connectables, CONNECTING_AT_ONCE, device -> device.connect().get(),
        (device, e) -> new IllegalStateException("device " + device.id() + " could not connect: " + e.getMessage(), e), scheduler);
  }

  public SimulatedDevice device(String id) {
    SimulatedDevice device = devices.get(id);
    if (device == null) {
      throw new NoSuchElementException("no simulated device '" + id + "'");
    }
    return device;
  }

  /** Direct devices first, then every gateway's children (gateways themselves are in {@link #gateways()}). */
  public List<SimulatedDevice> devices() {
    return List.copyOf(devices.values());
  }

  public List<SimulatedGateway> gateways() {
    return List.copyOf(gateways.values());
  }

  public SimulatedGateway gateway(String id) {
    SimulatedGateway gateway = gateways.get(id);
    if (gateway == null) {
      throw new NoSuchElementException("no simulated gateway '" + id + "'");
    }
    return gateway;
  }

  /**
   * While on, devices take executions but never answer them (no IN_PROGRESS either), so they stay in flight on the
   * service; a repeat of a held execution stays unanswered. Executions arriving after it is switched off are answered
   * as the behaviour says.
   */
  public void hold(boolean hold) {
    control.hold = hold;
  }

  /** Called for every first final update a device publishes, on the fleet's scheduler; null to stop. */
  public void onAnswer(AnswerListener listener) {
    control.answers = listener;
  }

  public FleetStats stats() {
    return stats;
  }

  /** Every device says OFFLINE and disconnects cleanly. */
  @Override
  public void close() {
    CompletableFuture.allOf(connectables.stream().map(c -> c.close().get()).toArray(CompletableFuture[]::new))
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
    private int gateways;
    private int children;
    private String gatewayTemplate = "sim-gateway";
    private boolean benchEcho;
    private Function<String, String> secretOf = id -> null;
    private boolean tls;
    private java.nio.file.Path caFile;
    private java.nio.file.Path clientCertDir;
    private String enrolToken;
    private java.util.function.BiConsumer<String, String> onEnrolled = (id, secret) -> {};

    private static final String[] REGIONS = {"north", "south", "east", "west"};

    /**
     * The devices {@link #build()} would make, in the order it makes them, without connecting anything: direct devices,
     * then each gateway followed by its children. What an operator registers before the fleet connects.
     */
    public List<PlannedDevice> plan() {
      List<PlannedDevice> plan = new java.util.ArrayList<>();
      int width = Math.max(4, String.valueOf(startIndex + count - 1).length());
      for (int i = startIndex; i < startIndex + count; i++) {
        plan.add(new PlannedDevice(idPrefix + String.format("%0" + width + "d", i), template, attributes.apply(i), null, false, protocol));
      }
      int gatewayWidth = Math.max(4, String.valueOf(gateways - 1).length());
      int childWidth = Math.max(4, String.valueOf(children - 1).length());
      for (int g = 0; g < gateways; g++) {
        String gatewayId = idPrefix + "gw-" + String.format("%0" + gatewayWidth + "d", g);
        plan.add(new PlannedDevice(gatewayId, gatewayTemplate, defaultAttributes(g), null, true, SimulatedDevice.Protocol.MQTT));
        int firstChild = g * children; // children's attributes by their index across the fleet, so regions spread
        for (int c = 0; c < children; c++) {
          plan.add(new PlannedDevice(gatewayId + "-c-" + String.format("%0" + childWidth + "d", c), template, attributes.apply(firstChild + c),
              gatewayId, false, SimulatedDevice.Protocol.MQTT));
        }
      }
      return plan;
    }

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

    private static int nonNegative(int value, String name) {
      if (value < 0) {
        throw new IllegalArgumentException(name + " must not be negative");
      }
      return value;
    }

    public Builder template(String template) {
      this.template = Objects.requireNonNull(template);
      return this;
    }

    public Builder idPrefix(String idPrefix) {
      this.idPrefix = Objects.requireNonNull(idPrefix);
      return this;
    }

    /** Direct devices; 0 is allowed for a fleet of gateways only. */
    public Builder count(int count) {
      this.count = nonNegative(count, "count");
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

    /** How many gateways, each with {@link #children(int)} children (ids {@code <idPrefix>gw-0000}, ...). */
    public Builder gateways(int gateways) {
      this.gateways = nonNegative(gateways, "gateways");
      return this;
    }

    /** Children per gateway (ids {@code <gatewayId>-c-0000}, ...), of {@link #template(String)}. */
    public Builder children(int children) {
      this.children = nonNegative(children, "children");
      return this;
    }

    /** The template gateways announce for themselves (default {@code sim-gateway}); children use {@code template}. */
    public Builder gatewayTemplate(String gatewayTemplate) {
      this.gatewayTemplate = Objects.requireNonNull(gatewayTemplate);
      return this;
    }

    /**
     * Each device's own secret (its credential from registration), by device id; null for a device without one. Sent
     * as the MQTT password with the device id as user name. Children need none: they speak through their gateway.
     */
    public Builder credentials(Function<String, String> secretOf) {
      this.secretOf = java.util.Objects.requireNonNull(secretOf, "secretOf");
      return this;
    }

    /** {@link #credentials(Function)} from a map of device id to secret. */
    public Builder credentials(Map<String, String> secrets) {
      return credentials(secrets::get);
    }

    /**
     * Enrol every direct MQTT device that has no secret ({@link #credentials(Function)}) with this enrolment token of
     * its template before it first connects: it is registered under the token's template, with its attributes, and
     * connects with the secret it was issued (see {@link #onEnrolled}). Gateways and children do not enrol; CoAP
     * devices cannot (enrolment is over MQTT). Null (the default): no enrolment.
     */
    public Builder enrolToken(String token) {
      this.enrolToken = token;
      return this;
    }

    /** Told the device id and secret of every device that enrolled, once, before it connects with them: keep them. */
    public Builder onEnrolled(java.util.function.BiConsumer<String, String> listener) {
      this.onEnrolled = java.util.Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Answer the benchmark's raw pings ({@link BenchTopics}), outside the contract; off by default. */
    public Builder benchEcho(boolean echo) {
      this.benchEcho = echo;
      return this;
    }

    /**
     * MQTT over TLS (off by default); set the port too ({@link #brokerPort(int)}, 8883 by convention). The broker's
     * certificate is verified against {@link #caFile(java.nio.file.Path)}, or the JVM's trusted CAs without one, and
     * its host name against {@link #brokerHost(String)}.
     */
    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /** PEM CA certificates that verify the broker, with {@link #tls(boolean)}; null for the JVM's trusted CAs. */
    public Builder caFile(java.nio.file.Path caFile) {
      this.caFile = caFile;
      return this;
    }

    /**
     * With {@link #tls(boolean)}: every MQTT connection (device or gateway) presents the client certificate
     * {@code <id>.pem} with key {@code <id>.key} (unencrypted PKCS#8) from this folder, as {@code dev-certs} writes them
     * (its {@code devices/} folder); null presents none. A missing file fails {@link #build()}.
     */
    public Builder clientCertDir(java.nio.file.Path clientCertDir) {
      this.clientCertDir = clientCertDir;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    public SimulatedFleet build() {
      if (count == 0 && gateways == 0) {
        throw new IllegalArgumentException("a fleet needs at least one device or gateway");
      }
      if (!tls && (caFile != null || clientCertDir != null)) {
        throw new IllegalArgumentException("caFile and clientCertDir need tls(true)");
      }
      if (tls && protocol == SimulatedDevice.Protocol.COAP) {
        throw new IllegalArgumentException("tls is for MQTT devices; CoAP devices speak plain CoAP");
      }
      if (enrolToken != null && protocol == SimulatedDevice.Protocol.COAP) {
        throw new IllegalArgumentException("enrolment is over MQTT: register CoAP devices through the service's API");
      }
      return new SimulatedFleet(this);
    }
  }
}
