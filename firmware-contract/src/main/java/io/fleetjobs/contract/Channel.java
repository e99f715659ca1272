package io.fleetjobs.contract;

import java.util.Arrays;
import java.util.Optional;

/**
 * The contract's channels: one topic suffix each under a device's own subtree {@code fleet/v1/devices/{deviceId}/},
 * and the same under a gateway's child's {@code fleet/v1/gateways/{gatewayId}/devices/{childId}/}.
 * {@link Direction#DOWN} channels are published by the service and subscribed by the device; {@link Direction#UP}
 * channels the other way round. See {@link Topics} for the full topic tree.
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
  PRESENCE(Direction.UP, "presence");

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

  Channel(Direction direction, String segment) {
    this.direction = direction;
    this.segment = segment;
  }

  public Direction direction() {
    return direction;
  }

  /** The last topic level of this channel. */
  public String segment() {
    return segment;
  }

  static Optional<Channel> of(String direction, String segment) {
    return Arrays.stream(values())
        .filter(c -> c.direction.segment.equals(direction) && c.segment.equals(segment))
        .findFirst();
  }
}
