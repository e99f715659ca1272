package io.fleetjobs.sim.conform;

import io.fleetjobs.contract.Channel;
import java.util.List;
import java.util.Optional;

/**
 * Everything a conformance run gathered, for the section checks to judge: what the device did (its log, read as
 * messages), what conform sent it, the probes, what the broker delivered on the device's up topics, and when conform
 * dropped the connection ({@code dropSeq}, null if it never got that far); {@code marks} are named moments of the run
 * (e.g. {@value Scenario#OPERATIONS_DEADLINE}).
 */
record Evidence(ConformOptions options, List<Observed> log, DeviceMessages messages, List<Sent> sent, List<Probe> probes,
    List<ServiceSide.Delivered> delivered, Long dropSeq, java.util.Map<String, Long> marks) {

  Evidence {
    log = List.copyOf(log);
    sent = List.copyOf(sent);
    probes = List.copyOf(probes);
    delivered = List.copyOf(delivered);
  }

  String deviceId() {
    return options.deviceId();
  }

  List<Observed.Connect> connects() {
    return log.stream().filter(Observed.Connect.class::isInstance).map(Observed.Connect.class::cast).toList();
  }

  List<Observed.Subscribe> subscribes() {
    return log.stream().filter(Observed.Subscribe.class::isInstance).map(Observed.Subscribe.class::cast).toList();
  }

  List<Observed.Publish> publishes() {
    return log.stream().filter(Observed.Publish.class::isInstance).map(Observed.Publish.class::cast).toList();
  }

  List<Probe> probes(Probe.Kind kind) {
    return probes.stream().filter(p -> p.kind() == kind).toList();
  }

  Optional<Probe> probe(Probe.Kind kind) {
    return probes(kind).stream().findFirst();
  }

  /** What conform sent on {@code channel} about one execution, oldest first. */
  List<Sent> sends(String executionId, Channel channel) {
    return sent.stream().filter(s -> s.channel() == channel && executionId.equals(s.executionId())).toList();
  }

  /** What the device, as a gateway, sent for its child {@code childId} on the child's topics (§9). */
  DeviceMessages child(String childId) {
    return DeviceMessages.ofChild(deviceId(), childId, log);
  }

  /** The children the device spoke for on child topics under its own gateway subtree, in order of first appearance. */
  java.util.Set<String> childrenSeen() {
    java.util.Set<String> seen = new java.util.LinkedHashSet<>();
    for (Observed.Publish p : publishes()) {
      ownChildTopic(p.topic()).ifPresent(t -> seen.add(t.deviceId()));
    }
    return seen;
  }

  /** {@code topic} parsed, if it is a child's topic under this device's gateway subtree. */
  Optional<io.fleetjobs.contract.Topics.DeviceTopic> ownChildTopic(String topic) {
    try {
      var parsed = io.fleetjobs.contract.Topics.parse(topic);
      return parsed.viaGateway() && parsed.gatewayId().equals(deviceId()) ? Optional.of(parsed) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The first thing conform sent after {@code seq}, if any: where a window of the device's reactions ends. */
  long nextSendAfter(long seq) {
    return sent.stream().mapToLong(Sent::seq).filter(s -> s > seq).min().orElse(Long.MAX_VALUE);
  }
}
