package io.fleetjobs.sim.conform;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code device-sim conform}, mode 1: checks a real device (or gateway, with its children) against CONTRACT.md on
 * conform's own broker, conform playing the service. {@link #run} drives the device ({@link Scenario}) and judges
 * every section; sections this mode cannot check say why.
 */
public final class Conformance {

  private Conformance() {}

  /** Drives the device on {@code broker} (which the device is told to connect to) and judges it; blocks until done. */
  public static Report run(ConformBroker broker, ConformOptions options, PrintStream progress) {
    Evidence evidence;
    try (ConformRun run = new ConformRun(broker, options, progress)) {
      evidence = new Scenario(run).play();
    }
    return judge(evidence);
  }

  static Report judge(Evidence e) {
    List<SectionResult> results = new ArrayList<>();
    results.add(new ConnectionCheck().judge(e));
    results.add(new TopicsCheck().judge(e));
    results.add(new PayloadCheck(Section.JSON).judge(e));
    results.add(new PayloadCheck(Section.MESSAGES).judge(e));
    results.add(new LifeCheck().judge(e));
    results.add(new ExecutionCheck().judge(e));
    results.add(new DuplicatesCheck().judge(e));
    results.add(new CancelCheck().judge(e));
    results.add(new GatewayCheck().judge(e));
    results.add(new ErrorsCheck().judge(e));
    results.add(SectionResult.notChecked(Section.LIMITS, "the service and its broker enforce them; conform sends within them"));
    results.add(SectionResult.notChecked(Section.COAP, "conform speaks MQTT only"));
    results.add(SectionResult.notChecked(Section.BY_HAND, "a walk-through with mosquitto clients, no rules of its own"));
    results.add(SectionResult.notChecked(Section.SECURITY, "conform's broker accepts any credential; credentials, enrolment and TLS"
        + " need the service's broker"));
    return new Report(e.deviceId(), results);
  }
}
