package io.fleetjobs.sim.conform;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** The outcome of a conformance run: one result per section of the contract, in the contract's order. */
public record Report(String deviceId, List<SectionResult> results) {

  public Report {
    results = List.copyOf(results);
  }

  public Optional<SectionResult> result(Section section) {
    return results.stream().filter(r -> r.section() == section).findFirst();
  }

  public SectionResult.Verdict verdict(Section section) {
    return result(section).map(SectionResult::verdict).orElseThrow();
  }

  public boolean passed() {
    return results.stream().noneMatch(r -> r.verdict() == SectionResult.Verdict.FAIL);
  }

  /** 0 when every checked section passed, 1 when any failed. */
  public int exitCode() {
    return passed() ? 0 : 1;
  }

  public void print(PrintStream out) {
    out.printf("%nConformance of device %s to the firmware contract (CONTRACT.md), version 1%n%n", deviceId);
    for (SectionResult r : results) {
      String verdict = switch (r.verdict()) {
        case PASS -> "PASS";
        case FAIL -> "FAIL";
        case NOT_CHECKED -> "not checked (" + r.findings().get(0) + ")";
      };
      out.printf("%-4s %-38s %s%n", "§" + r.section().number(), r.section().title(), verdict);
      if (r.verdict() != SectionResult.Verdict.NOT_CHECKED) {
        r.findings().forEach(f -> out.printf("       %s %s%n", r.verdict() == SectionResult.Verdict.FAIL ? "-" : "note:", f));
      }
    }
    long checked = results.stream().filter(r -> r.verdict() != SectionResult.Verdict.NOT_CHECKED).count();
    long failed = results.stream().filter(r -> r.verdict() == SectionResult.Verdict.FAIL).count();
    out.printf("%nResult: %s (%d of %d checked sections failed)%n", passed() ? "PASS" : "FAIL", failed, checked);
  }
}
