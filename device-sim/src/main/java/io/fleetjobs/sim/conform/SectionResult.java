package io.fleetjobs.sim.conform;

import java.util.List;

/**
 * The verdict on one section of the contract. For FAIL the findings say what the device did wrong; for PASS they are
 * notes (what could not be told from outside); for NOT_CHECKED the one finding is the reason.
 */
public record SectionResult(Section section, Verdict verdict, List<String> findings) {

  /** How a section fared. */
  public enum Verdict {
    PASS,
    FAIL,
    NOT_CHECKED
  }

  public SectionResult {
    findings = List.copyOf(findings);
  }

  static SectionResult notChecked(Section section, String reason) {
    return new SectionResult(section, Verdict.NOT_CHECKED, List.of(reason));
  }

  /** Collects a section's faults and notes; FAIL if any fault was found. */
  static final class Findings {
    private final Section section;
    private final List<String> faults = new java.util.ArrayList<>();
    private final List<String> notes = new java.util.ArrayList<>();
    private final Findings parent;
    private final String prefix;

    Findings(Section section) {
      this(section, null, "");
    }

    private Findings(Section section, Findings parent, String prefix) {
      this.section = section;
      this.parent = parent;
      this.prefix = prefix;
    }

    /** A view adding {@code prefix} to each finding: a section's rules judged again for a gateway's child (§9). */
    Findings about(String prefix) {
      return new Findings(section, this, prefix);
    }

    Findings fault(String text) {
      if (parent != null) {
        parent.fault(prefix + text);
      } else {
        faults.add(text);
      }
      return this;
    }

    Findings note(String text) {
      if (parent != null) {
        parent.note(prefix + text);
      } else {
        notes.add(text);
      }
      return this;
    }

    boolean hasFaults() {
      return !faults.isEmpty();
    }

    SectionResult result() {
      return faults.isEmpty()
          ? new SectionResult(section, Verdict.PASS, notes)
          : new SectionResult(section, Verdict.FAIL, faults);
    }
  }
}
