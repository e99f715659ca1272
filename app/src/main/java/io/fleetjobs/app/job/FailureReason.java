package io.fleetjobs.app.job;

/** Why an execution failed. */
public enum FailureReason {
  /** The device tried and reported FAILED with its error. */
  DEVICE_ERROR,
  /** The device said the work does not apply to it. */
  REJECTED,
  /** The device got the execution but sent no final answer within the job's execution timeout. */
  TIMED_OUT,
  /** The device stayed offline past the job's delivery timeout, so the execution never reached it. */
  NEVER_DELIVERED
}
