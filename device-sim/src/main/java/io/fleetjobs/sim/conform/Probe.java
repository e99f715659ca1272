package io.fleetjobs.sim.conform;

import io.fleetjobs.contract.message.ExecutionRequest;

/** An execution conform sent to find something out, and what for; {@code childId} names the gateway's child it went to. */
record Probe(Kind kind, ExecutionRequest request, String childId) {

  /** A probe of the device under test itself. */
  Probe(Kind kind, ExecutionRequest request) {
    this(kind, request, null);
  }

  /** What a probe checks. */
  enum Kind {
    /** §6: one configured operation. */
    OPERATION,
    /** §3: the first operation again, the request carrying fields the device cannot know. */
    UNKNOWN_FIELDS,
    /** §7: sent again while the device works, and again once it answered. */
    DUPLICATE,
    /** §8: canceled while the device works. */
    CANCEL,
    /** §10: sent after an error reply, to see that the device still works. */
    AFTER_ERROR,
    /** §5: the answer to the pending request after the forced reconnect. */
    AFTER_RECONNECT,
    /** §9: a child's execution, sent on its down/execution under the gateway in answer to its pending request. */
    CHILD,
    /** §9: the same after the forced reconnect, once the gateway has announced the child again. */
    CHILD_AFTER_RECONNECT,
    /** §9 with §7: a child's execution, repeated while worked on and after its final update. */
    CHILD_DUPLICATE,
    /** §9 with §8: a child's execution, canceled on the child's down/cancel while worked on. */
    CHILD_CANCEL
  }

  String executionId() {
    return request.executionId();
  }

  /** How the report names it: its operations, e.g. "SETTING fanSpeed, COMMAND defrost". */
  String describe() {
    return String.join(", ", request.operations().stream().map(o -> o.type() + " " + o.name()).toList());
  }
}
