package io.fleetjobs.sim.conform;

import io.fleetjobs.contract.ErrorCode;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * §3 JSON rules and §4 Messages, from the same reading of every payload the device published on its up topics: a
 * payload that is not one JSON object, has a wrong JSON type or another contract version breaks §3; a missing or
 * invalid field breaks §4. §3 also asks that unknown fields be ignored: the probe carrying some must be answered as the
 * same request without them.
 */
final class PayloadCheck implements SectionCheck {

  private static final Set<ErrorCode> JSON_RULES = EnumSet.of(ErrorCode.MALFORMED_JSON, ErrorCode.WRONG_TYPE, ErrorCode.UNSUPPORTED_VERSION);

  private final Section section;

  PayloadCheck(Section section) {
    if (section != Section.JSON && section != Section.MESSAGES) {
      throw new IllegalArgumentException(section.label());
    }
    this.section = section;
  }

  @Override
  public SectionResult judge(Evidence e) {
    var findings = new SectionResult.Findings(section);
    if (e.connects().isEmpty()) {
      return findings.fault("the device never connected").result();
    }
    Set<String> faults = new LinkedHashSet<>();
    for (DeviceMessages.Message m : e.messages().all()) {
      if (m.channel() == null || m.ok() || JSON_RULES.contains(m.violation().code()) != (section == Section.JSON)) {
        continue;
      }
      String field = m.violation().field() == null ? "" : " (field " + m.violation().field() + ")";
      faults.add("on " + SectionCheck.shortTopic(e.deviceId(), m.publish().topic()) + ": " + m.violation().code() + field + ", "
          + m.violation().getMessage() + ", in " + SectionCheck.clip(m.publish().text()));
    }
    faults.forEach(findings::fault);
    if (section == Section.JSON) {
      unknownFields(e, findings);
    }
    return findings.result();
  }

  private static void unknownFields(Evidence e, SectionResult.Findings findings) {
    var probe = e.probe(Probe.Kind.UNKNOWN_FIELDS);
    var plain = e.probes(Probe.Kind.OPERATION).stream().findFirst();
    if (probe.isEmpty() || plain.isEmpty()) {
      return;
    }
    var with = e.messages().firstFinal(probe.get().executionId(), 0).map(u -> u.update().status());
    var without = e.messages().firstFinal(plain.get().executionId(), 0).map(u -> u.update().status());
    if (without.isEmpty()) {
      findings.note("unknown fields: not judged, the same request without them got no final update either");
    } else if (with.isEmpty()) {
      findings.fault("gave no final update to an ExecutionRequest carrying unknown fields (it must ignore them), though it"
          + " answered the same request without them " + without.get());
    } else if (with.get() != without.get()) {
      findings.fault("answered " + with.get() + " to an ExecutionRequest carrying unknown fields but " + without.get()
          + " to the same request without them: unknown fields must be ignored");
    }
  }
}
