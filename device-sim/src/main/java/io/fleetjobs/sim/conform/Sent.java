package io.fleetjobs.sim.conform;

import io.fleetjobs.contract.Channel;

/**
 * A message conform (as the service) published to the device, after {@code seq}: anything the device did with a
 * greater {@code seq} came after it was sent. {@code executionId} is null for an error reply; {@code about} is the
 * topic and payload an error reply answers (null for other messages); {@code childId} is the gateway's child it went to
 * (null when it went to the device under test itself).
 */
record Sent(long seq, Channel channel, String executionId, byte[] payload, Observed.Publish about, String childId) {}
