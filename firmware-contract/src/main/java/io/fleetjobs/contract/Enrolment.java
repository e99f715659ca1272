package io.fleetjobs.contract;

/**
 * How a device that has no credential yet gets one (CONTRACT.md, "Security"): it connects to the service's embedded
 * broker with client id = the device id it wants, user name {@link #USERNAME} and an enrolment token of its template as
 * password; subscribes to {@link Topics#enrolmentSubscriptions(String)}; publishes one
 * {@link io.fleetjobs.contract.message.EnrolmentRequest} on its {@link Channel#ENROLMENT_REQUEST} topic; receives its
 * {@link io.fleetjobs.contract.message.Credential} on its {@link Channel#CREDENTIAL} topic (or a
 * {@link ErrorCode#ENROLMENT_REFUSED} error on its error topic); disconnects, and connects again with its own id and
 * secret. Only a direct device enrols; a gateway's children are registered by an operator.
 */
public final class Enrolment {

  /**
   * The user name of an enrolling connection. No device id can be it (device ids have no {@code @}), so it never
   * stands for a device of that name.
   */
  public static final String USERNAME = "enrol@fleet-jobs";

  /** Every enrolment token starts with this (then 43 characters of base64url: 256 random bits). */
  public static final String TOKEN_PREFIX = "fje_";

  private Enrolment() {}
}
