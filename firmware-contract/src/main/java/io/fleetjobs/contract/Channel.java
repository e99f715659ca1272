package io.fleetjobs.contract;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The contract's channels: one topic suffix each under a device's own subtree {@code fleet/v1/devices/{deviceId}/},
 * and the same under a gateway's child's {@code fleet/v1/gateways/{gatewayId}/devices/{childId}/} for the seven
 * {@link #forChildren() channels children have}: the two enrolment channels are a direct device's only, since a
 * gateway's child never connects and so never enrols. {@link Direction#DOWN} channels are published by the service
 * and subscribed by the device; {@link Direction#UP} channels the other way round. See {@link Topics} for the full
 * topic tree.
 */
public enum Channel {
  /** Service to device: a new or changed execution with its operations. */
  EXECUTION(Direction.DOWN, "execution"),
  /** Service to device: stop working on an execution. */
  CANCEL(Direction.DOWN, "cancel"),
  /** Service to device: a message the device sent broke the contract. */
  ERROR(Direction.DOWN, "error"),
  /** Device to service: progress or outcome of an execution. */
  EXECUTION_UPDATE(Direction.UP, "execution-update"),
  /** Device to service: send me my pending executions (after every (re)connect). */
  PENDING_REQUEST(Direction.UP, "pending-request"),
  /** Device to service: reported property values. */
  PROPERTIES(Direction.UP, "properties"),
  /** Device to service: birth (online) and last will (offline). */
  PRESENCE(Direction.UP, "presence"),
  /** Service to an enrolling device: the credential it was just issued. A direct device's only. */
  CREDENTIAL(Direction.DOWN, "credential", false),
  /** Device to service, on an enrolling connection only: register me and issue my credential. A direct device's only. */
  ENROLMENT_REQUEST(Direction.UP, "enrolment-request", false);

  /** Who publishes on a channel. */
  public enum Direction {
    /** Service to device. */
    DOWN("down"),
    /** Device to service. */
    UP("up");

    private final String segment;

    Direction(String segment) {
      this.segment = segment;
    }

    public String segment() {
      return segment;
    }
  }

  private final Direction direction;
  private final String segment;
  private final boolean forChildren;

  Channel(Direction direction, String segment) {
    this(direction, segment, true);
  }

  Channel(Direction direction, String segment, boolean forChildren) {
    this.direction = direction;
    this.segment = segment;
    this.forChildren = forChildren;
  }

  public Direction direction() {
    return direction;
  }

  /** The last topic level of this channel. */
  public String segment() {
    return segment;
  }

  /**
   * Whether a gateway's child has this channel too, under {@code fleet/v1/gateways/{gatewayId}/devices/{childId}/}.
   * False for {@link #CREDENTIAL} and {@link #ENROLMENT_REQUEST}: children do not enrol.
   */
  public boolean forChildren() {
    return forChildren;
  }

  /** The seven channels a gateway's child has: every channel but the enrolment ones. */
  public static Set<Channel> childChannels() {
    return Collections.unmodifiableSet(Arrays.stream(values()).filter(Channel::forChildren)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Channel.class))));
  }

  static Optional<Channel> of(String direction, String segment) {
    return Arrays.stream(values())
        .filter(c -> c.direction.segment.equals(direction) && c.segment.equals(segment))
        .findFirst();
  }
}
