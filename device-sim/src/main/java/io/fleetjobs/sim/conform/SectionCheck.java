package io.fleetjobs.sim.conform;

/** Judges one section of the contract from what a run gathered. */
interface SectionCheck {

  SectionResult judge(Evidence evidence);

  /** The text of a device's payload for a report: at most 120 characters. */
  static String clip(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "…";
  }

  /** {@code down/execution}, {@code up/presence}: the part of a device topic a reader needs. */
  static String shortTopic(String deviceId, String topic) {
    String own = io.fleetjobs.contract.Topics.deviceSubtree(deviceId);
    String prefix = own.substring(0, own.length() - 1);
    return topic.startsWith(prefix) ? topic.substring(prefix.length()) : topic;
  }
}
