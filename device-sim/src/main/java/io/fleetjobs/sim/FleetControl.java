package io.fleetjobs.sim;

/**
 * Fleet-wide switches every device reads at the moment it decides, so a running fleet can change mode without being
 * rebuilt: the benchmark holds executions to measure the service's memory, then lets devices answer again.
 */
final class FleetControl {

  /** Receive executions but never answer them (nor say IN_PROGRESS): they stay in flight on the service. */
  volatile boolean hold;
  volatile SimulatedFleet.AnswerListener answers;
}
