package io.fleetjobs.sim.cli;

import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.FleetStats;
import io.fleetjobs.sim.SimulatedDevice;
import io.fleetjobs.sim.SimulatedFleet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code device-sim run}: connects N devices and keeps them working until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs N simulated devices until Ctrl-C (or --duration).")
final class RunCommand implements Callable<Integer> {

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "MQTT broker host (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--port", description = "MQTT broker port (default: 1883, or 8883 with --tls)")
  Integer port;

  @Option(names = "--tls", description = "MQTT devices connect over TLS, verifying the broker's certificate and host name")
  boolean tls;

  @Option(names = "--ca-file", description = "with --tls: PEM CA certificates that verify the broker (default: the JVM's trusted CAs)")
  java.nio.file.Path caFile;

  @Option(names = "--client-cert-dir", description = "with --tls: each device presents <id>.pem with key <id>.key from this folder"
      + " (dev-certs' devices/ folder), its X.509 identity")
  java.nio.file.Path clientCertDir;

  @Option(names = "--count", description = "how many direct devices (default: 50, or 0 with --gateways)")
  Integer count;

  @Option(names = "--gateways", defaultValue = "0", description = "how many gateways, ids <prefix>gw-0000... (default: ${DEFAULT-VALUE})")
  int gateways;

  @Option(names = "--children", defaultValue = "0", description = "children per gateway, ids <gatewayId>-c-0000... (default: ${DEFAULT-VALUE})")
  int children;

  @Option(names = "--gateway-template", defaultValue = "sim-gateway", description = "template id gateways announce for themselves; children announce --template (default: ${DEFAULT-VALUE})")
  String gatewayTemplate;

  @Option(names = "--coap-count", defaultValue = "0", description = "how many more devices speak CoAP instead of MQTT, ids coap-0000... (default: ${DEFAULT-VALUE})")
  int coapCount;

  @Option(names = "--coap-port", defaultValue = "5683", description = "the service's CoAP port, UDP (default: ${DEFAULT-VALUE})")
  int coapPort;

  @Option(names = "--prefix", defaultValue = "sim-", description = "device id prefix; ids are prefix + zero-padded index (default: ${DEFAULT-VALUE})")
  String prefix;

  @Option(names = "--start-index", defaultValue = "0", description = "first device index (default: ${DEFAULT-VALUE})")
  int startIndex;

  @Option(names = "--template", defaultValue = "vending-fridge", description = "template id the devices announce (default: ${DEFAULT-VALUE})")
  String template;

  @Option(names = "--attribute", description = "key=value attribute of every device (repeatable); default: region spread over north/south/east/west, model VF-200")
  Map<String, String> attributes = new LinkedHashMap<>();

  @Option(names = "--silent-rate", description = "share of executions never answered (0..1)")
  Double silentRate;

  @Option(names = "--malformed-rate", description = "share of executions answered with a contract-breaking message (0..1)")
  Double malformedRate;

  @Option(names = "--churn-every", description = "mean time between a device's unexpected disconnects, e.g. 60s (default: none)")
  String churnEvery;

  @Option(names = "--churn-for", defaultValue = "5s", description = "how long a churned device stays offline (default: ${DEFAULT-VALUE})")
  String churnFor;

  @Option(names = "--no-progress-updates", description = "send no IN_PROGRESS update before the final one")
  boolean noProgress;

  @Option(names = "--no-property-reports", description = "send no PropertyReport after a success")
  boolean noPropertyReports;

  @Mixin
  BehaviourOptions behaviourOptions = new BehaviourOptions();

  @Mixin
  Provisioning provisioning = new Provisioning();

  @Option(names = "--duration", description = "stop after this long, e.g. 10m (default: run until Ctrl-C)")
  String duration;

  @Override
  public Integer call() throws Exception {
    Behaviour behaviour = behaviour();
    int count = directCount();
    if (count == 0 && gateways == 0 && coapCount == 0) {
      System.err.println("Nothing to run: give --count, --gateways with --children, or --coap-count.");
      return 2;
    }
    if (!tls && (caFile != null || clientCertDir != null)) {
      System.err.println("--ca-file and --client-cert-dir need --tls.");
      return 2;
    }
    int port = port();
    SimulatedFleet.Builder builder = SimulatedFleet.builder().brokerHost(host).brokerPort(port).template(template)
        .idPrefix(prefix).count(count).startIndex(startIndex).behaviour(behaviour)
        .gateways(gateways).children(children).gatewayTemplate(gatewayTemplate);
    if (!attributes.isEmpty()) {
      Map<String, String> fixed = Map.copyOf(attributes);
      builder.attributes(i -> fixed);
    }
    if (!reachable(host, port)) {
      System.err.printf("No MQTT broker answers at %s:%d. Start the service (./run.sh) or pass --host/--port.%n", host, port);
      return 2;
    }
    java.util.List<SimulatedFleet.PlannedDevice> plan = new java.util.ArrayList<>(count == 0 && gateways == 0 ? List.of() : builder.plan());
    SimulatedFleet.Builder coap = SimulatedFleet.builder().brokerHost(host).template(template).behaviour(behaviour)
        .protocol(SimulatedDevice.Protocol.COAP).coapPort(coapPort).idPrefix("coap-").count(coapCount).startIndex(startIndex);
    if (!attributes.isEmpty()) {
      Map<String, String> fixed = Map.copyOf(attributes);
      coap.attributes(i -> fixed);
    }
    if (coapCount > 0) {
      plan.addAll(coap.plan());
    }
    Map<String, String> secrets;
    try {
      secrets = provisioning.secrets(plan);
    } catch (RuntimeException e) {
      System.err.printf("Could not register the devices: %s%n", rootMessage(e));
      return 2;
    }
    builder.credentials(secrets);
    coap.credentials(secrets);
    Map<String, String> enrolled = new java.util.concurrent.ConcurrentSkipListMap<>();
    if (provisioning.enrolToken != null) {
      builder.enrolToken(provisioning.enrolToken).onEnrolled(enrolled::put);
    }
    SimulatedFleet fleet;
    try {
      fleet = count == 0 && gateways == 0 ? null : builder.tls(tls).caFile(caFile).clientCertDir(clientCertDir).build();
    } catch (IllegalArgumentException e) {
      System.err.println("Cannot set up TLS: " + e.getMessage());
      return 2;
    }
    SimulatedFleet coapFleet = coapCount == 0 ? null : coap.build();
    System.err.printf("Connecting %d MQTT devices (%s…)%s to %s:%d%s%s%n", count, prefix,
        gateways == 0 ? "" : " and %d gateways (%sgw-…) with %d children each".formatted(gateways, prefix, children), host, port,
        !tls ? "" : clientCertDir == null ? " over TLS" : " over TLS with client certificates",
        coapFleet == null ? "" : " and %d CoAP devices (coap-…) to udp %s:%d".formatted(coapCount, host, coapPort));
    long started = System.nanoTime();
    try {
      if (fleet != null) {
        fleet.start();
      }
      if (coapFleet != null) {
        coapFleet.start();
      }
    } catch (RuntimeException e) {
      provisioning.keep(secrets, enrolled); // those that did enrol are registered: keep their credentials all the same
      System.err.printf("Could not connect the devices: %s%n", rootMessage(e));
      if (fleet != null) {
        fleet.close();
      }
      if (coapFleet != null) {
        coapFleet.close();
      }
      return 2;
    }
    provisioning.keep(secrets, enrolled);
    System.err.printf("%d devices online in %d ms%n", count + gateways + gateways * children + coapCount,
        (System.nanoTime() - started) / 1_000_000);
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      if (fleet != null) {
        fleet.close();
      }
      if (coapFleet != null) {
        coapFleet.close();
      }
    });
    Runtime.getRuntime().addShutdownHook(hook);
    Progress progress = new Progress(fleet == null ? null : fleet.stats(), coapFleet == null ? null : coapFleet.stats());
    progress.start();
    if (duration != null) {
      stop.await(Durations.parse(duration).toMillis(), TimeUnit.MILLISECONDS);
    } else {
      stop.await();
    }
    progress.interrupt();
    System.err.println();
    System.err.println(progress.line());
    if (duration != null) {
      Runtime.getRuntime().removeShutdownHook(hook);
      if (fleet != null) {
        fleet.close();
      }
      if (coapFleet != null) {
        coapFleet.close();
      }
    }
    return 0;
  }

  Behaviour behaviour() throws java.io.IOException {
    Behaviour.Builder b = behaviourOptions.applyTo(Behaviour.builder());
    if (silentRate != null) {
      b.silentRate(silentRate);
    }
    if (malformedRate != null) {
      b.malformedRate(malformedRate);
    }
    if (churnEvery != null) {
      b.churn(Durations.parse(churnEvery), Durations.parse(churnFor));
    }
    if (noProgress) {
      b.progressUpdates(false);
    }
    if (noPropertyReports) {
      b.propertyReports(false);
    }
    return b.build();
  }

  /** The broker port: 1883, or 8883 over TLS, unless given. */
  int port() {
    return port != null ? port : tls ? 8883 : 1883;
  }

  /** Direct devices: 50 unless given, none by default when gateways are asked for. */
  int directCount() {
    return count != null ? count : gateways > 0 ? 0 : 50;
  }

  /** Devices retry connecting forever, so check once up front that anything listens there. */
  private static boolean reachable(String host, int port) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress(host, port), 3000);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  /** A live progress line: rewritten in place on a terminal, a line every 5 s otherwise. */
  private static final class Progress extends Thread {
    private final FleetStats mqtt;
    private final FleetStats coap;
    private final boolean terminal = System.console() != null;

    Progress(FleetStats mqtt, FleetStats coap) {
      super("device-sim-progress");
      setDaemon(true);
      this.mqtt = mqtt;
      this.coap = coap;
    }

    String line() {
      if (mqtt == null) {
        return "CoAP " + coap.snapshot().line();
      }
      return coap == null ? mqtt.snapshot().line() : "MQTT " + mqtt.snapshot().line() + " || CoAP " + coap.snapshot().line();
    }

    @Override
    public void run() {
      try {
        while (!isInterrupted()) {
          Thread.sleep(terminal ? 1000 : 5000);
          String line = line();
          if (terminal) {
            System.err.print("\r" + line + "   ");
          } else {
            System.err.println(line);
          }
        }
      } catch (InterruptedException e) {
        // done
      }
    }
  }
}
