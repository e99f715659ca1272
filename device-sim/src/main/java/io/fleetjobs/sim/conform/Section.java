package io.fleetjobs.sim.conform;

/** The sections of CONTRACT.md, by their real numbers and headings. */
public enum Section {
  CONNECTION(1, "Connection"),
  TOPICS(2, "Topics"),
  JSON(3, "JSON rules"),
  MESSAGES(4, "Messages"),
  LIFE(5, "The life of a device"),
  EXECUTION(6, "Handling an execution"),
  DUPLICATES(7, "Duplicates and versions"),
  CANCEL(8, "Timeouts and cancel"),
  GATEWAYS(9, "Gateways and child devices"),
  ERRORS(10, "Errors"),
  LIMITS(11, "Limits"),
  COAP(12, "CoAP, for constrained devices"),
  BY_HAND(13, "Try it by hand with mosquitto clients"),
  SECURITY(14, "Security");

  private final int number;
  private final String title;

  Section(int number, String title) {
    this.number = number;
    this.title = title;
  }

  public int number() {
    return number;
  }

  public String title() {
    return title;
  }

  /** {@code §6 Handling an execution}. */
  public String label() {
    return "§" + number + " " + title;
  }
}
