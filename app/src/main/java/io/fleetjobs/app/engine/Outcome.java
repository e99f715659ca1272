package io.fleetjobs.app.engine;

/** What recording an {@link ExecutionEvent} did. */
public enum Outcome {
  /** The execution changed. */
  APPLIED,
  /** The event repeated one already recorded (same or older device version). */
  DUPLICATE,
  /** The event came too late to matter, e.g. an answer after a timeout; it is logged and dropped. */
  IGNORED,
  /** No such execution for that device. */
  UNKNOWN_EXECUTION
}
