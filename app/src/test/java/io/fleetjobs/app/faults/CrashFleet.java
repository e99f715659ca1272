package io.fleetjobs.app.faults;

import static org.awaitility.Awaitility.await;

import io.fleetjobs.app.support.Api;
import io.fleetjobs.app.support.Fixtures;
import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.SimulatedDevice;
import io.fleetjobs.sim.SimulatedFleet;
import io.fleetjobs.sim.provision.Provisioner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The crash loop's fleet against one {@link ServiceProcess}: direct MQTT devices, CoAP devices over DTLS and MQTT
 * gateways with children, all slow to answer and some failing, in device set {@value #LIVE}; plus registered devices
 * that never connect ("ghosts"), so that set {@value #ALL} is large enough for a job's executions to take a while to
 * store. The simulators live in the test JVM, so they remember what they did across the service's kills.
 */
final class CrashFleet implements AutoCloseable {

  static final String TEMPLATE = "crash-fridge";
  static final String GATEWAY_TEMPLATE = "crash-gateway";
  /** Every connected device: MQTT, CoAP and gateways' children. */
  static final String LIVE = "crash-live";
  /** The live devices and the ghosts. */
  static final String ALL = "crash-all";

  private static final int MQTT = 24;
  private static final int COAP = 10;
  private static final int GATEWAYS = 2;
  private static final int CHILDREN = 8;
  private static final int GHOSTS = 1_500;

  private final List<SimulatedFleet> fleets;
  private final List<SimulatedDevice> devices = new ArrayList<>();

  private CrashFleet(List<SimulatedFleet> fleets) {
    this.fleets = fleets;
    fleets.forEach(f -> devices.addAll(f.devices()));
  }

  /** Registers templates, devices and sets, connects the live devices and waits until the service sees them online. */
  static CrashFleet start(ServiceProcess service, long seed) {
    Api api = service.api();
    require(api.post("/api/templates", Fixtures.fridgeTemplate(TEMPLATE)), 201);
    require(api.post("/api/templates", Fixtures.fridgeTemplate(GATEWAY_TEMPLATE)), 201);
    // slow enough that kills land while devices are at work; some fail, so jobs end in more than one status
    Behaviour slow = Behaviour.builder().latency(Duration.ofMillis(300), Duration.ofMillis(2_000)).failureRate(0.15).seed(seed).build();
    Map<String, String> live = Map.of("region", "crash");
    SimulatedFleet.Builder mqtt = SimulatedFleet.builder().brokerPort(service.mqttPort()).template(TEMPLATE).idPrefix("crash-mqtt-")
        .count(MQTT).attributes(i -> live).behaviour(slow);
    SimulatedFleet.Builder coap = SimulatedFleet.builder().protocol(SimulatedDevice.Protocol.COAP).coapPort(service.dtlsPort())
        .template(TEMPLATE).idPrefix("crash-coap-").count(COAP).attributes(i -> live).behaviour(slow.toBuilder().seed(seed + 1).build());
    SimulatedFleet.Builder gateways = SimulatedFleet.builder().brokerPort(service.mqttPort()).template(TEMPLATE).idPrefix("crash-")
        .count(0).gateways(GATEWAYS).children(CHILDREN).gatewayTemplate(GATEWAY_TEMPLATE).attributes(i -> live)
        .behaviour(slow.toBuilder().seed(seed + 2).build());
    List<SimulatedFleet.PlannedDevice> plan = new ArrayList<>();
    plan.addAll(mqtt.plan());
    plan.addAll(coap.plan());
    plan.addAll(gateways.plan());
    plan.addAll(SimulatedFleet.builder().template(TEMPLATE).idPrefix("crash-ghost-").count(GHOSTS)
        .attributes(i -> Map.of("region", "ghost")).plan());
    Map<String, String> secrets = new Provisioner(service.base(), api.token()).register(plan);
    List<SimulatedFleet> fleets = new ArrayList<>();
    try {
      for (SimulatedFleet.Builder builder : List.of(mqtt, coap, gateways)) {
        SimulatedFleet fleet = builder.credentials(secrets).build();
        fleets.add(fleet);
        fleet.start();
      }
    } catch (RuntimeException e) {
      fleets.forEach(SimulatedFleet::close);
      throw e;
    }
    CrashFleet crash = new CrashFleet(fleets);
    require(api.post("/api/device-sets", """
        {"id": "%s", "name": "crash live", "template": "%s", "conditions": [{"field": "attributes.region", "operator": "EQ", "value": "crash"}]}"""
        .formatted(LIVE, TEMPLATE)), 201);
    require(api.post("/api/device-sets", Fixtures.allOfTemplateSet(ALL, TEMPLATE)), 201);
    await("the crash fleet online").atMost(Duration.ofSeconds(60)).until(() -> api.onlineIn(LIVE) == crash.live());
    return crash;
  }

  /** The simulated devices that can take work: direct MQTT, CoAP, and gateways' children. */
  List<SimulatedDevice> devices() {
    return devices;
  }

  int live() {
    return devices.size();
  }

  int all() {
    return devices.size() + GHOSTS;
  }

  /** Execution messages received by all devices, repeats included. */
  long executionsReceived() {
    return fleets.stream().mapToLong(f -> f.stats().executionsReceived()).sum();
  }

  /** Devices that have published a final answer for {@code job}. */
  long answered(String job) {
    return devices.stream().filter(d -> d.reported(job) != null).count();
  }

  private static void require(Api.Answer answer, int status) {
    if (answer.status() != status) {
      throw new IllegalStateException("expected " + status + ", got " + answer);
    }
  }

  @Override
  public void close() {
    fleets.forEach(SimulatedFleet::close);
  }
}
