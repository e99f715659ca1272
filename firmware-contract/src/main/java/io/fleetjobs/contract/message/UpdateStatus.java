package io.fleetjobs.contract.message;

/** What a device says about an execution. */
public enum UpdateStatus {
  /** Working on it; {@code details} may say how far. Not final. */
  IN_PROGRESS,
  /** Done; {@code results} may hold command results. Final. */
  SUCCEEDED,
  /** Tried and failed; {@code error} says why. Final. */
  FAILED,
  /** Will not try: the work does not apply to this device; {@code error} says why. Final. */
  REJECTED;

  public boolean isFinal() {
    return this != IN_PROGRESS;
  }
}
