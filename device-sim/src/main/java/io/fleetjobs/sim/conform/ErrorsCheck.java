package io.fleetjobs.sim.conform;

import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.message.ContractError;
import java.util.Arrays;
import java.util.List;

/**
 * §10 Errors: a message answered with a ContractError is not sent again (conform answers every refused message as the
 * service would, and sends one test error reply about a good one); after an error reply the device keeps working.
 */
final class ErrorsCheck implements SectionCheck {

  @Override
  public SectionResult judge(Evidence e) {
    var findings = new SectionResult.Findings(Section.ERRORS);
    if (e.connects().isEmpty()) {
      return findings.fault("the device never connected").result();
    }
    List<Sent> errors = e.sent().stream().filter(s -> s.channel() == Channel.ERROR && s.about() != null).toList();
    for (Sent error : errors) {
      long windowEnd = nextWork(e, error.seq());
      boolean resent = e.publishes().stream().anyMatch(p -> p.seq() > error.seq() && p.seq() < windowEnd && !p.dup()
          && p.topic().equals(error.about().topic()) && Arrays.equals(p.payload(), error.about().payload()));
      if (resent) {
        ContractError reply = ContractJson.decode(error.payload(), ContractError.class);
        findings.fault("sent the same message again after it was answered " + reply.code() + " on down/error: "
            + SectionCheck.clip(error.about().text()) + " (log an error reply, do not resend)");
      }
    }
    var probe = e.probe(Probe.Kind.AFTER_ERROR);
    if (probe.isEmpty() && !findings.hasFaults()) {
      return SectionResult.notChecked(Section.ERRORS, "the device answered no execution in §6, so conform did not test error replies");
    }
    if (probe.isEmpty()) {
      return findings.result();
    }
    if (e.messages().firstFinal(probe.get().executionId(), 0).isEmpty()) {
      findings.fault("gave no final update to an execution sent after an error reply: it must keep working");
    }
    findings.note("error replies sent: " + errors.size() + " (one a test; any others answer messages the service would refuse)");
    return findings.result();
  }

  /** Until conform next sent work: a resend after that may be the device answering the work, not the error. */
  private static long nextWork(Evidence e, long after) {
    return e.sent().stream().filter(s -> s.seq() > after && s.channel() != Channel.ERROR).mapToLong(Sent::seq).min()
        .orElse(Long.MAX_VALUE);
  }
}
