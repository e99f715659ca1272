package io.fleetjobs.contract;

import io.fleetjobs.contract.message.ContractError;
import io.fleetjobs.contract.message.Credential;
import io.fleetjobs.contract.message.EnrolmentRequest;
import io.fleetjobs.contract.message.ExecutionCancel;
import io.fleetjobs.contract.message.ExecutionRequest;
import io.fleetjobs.contract.message.ExecutionUpdate;
import io.fleetjobs.contract.message.PendingExecutions;
import io.fleetjobs.contract.message.PendingRequest;
import io.fleetjobs.contract.message.Presence;
import io.fleetjobs.contract.message.PropertyReport;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/** Where the JSON Schema of each message lives on the classpath (shared definitions are in {@code defs.schema.json}). */
public final class Schemas {

  /** The classpath folder of the schemas. */
  public static final String FOLDER = "io/fleetjobs/contract/schemas/";

  /** The shared definitions every message schema refers to; serve it beside them. */
  public static final String DEFS = FOLDER + "defs.schema.json";

  private static final Map<Class<?>, String> FILES = Map.of(
      ExecutionRequest.class, "execution-request.schema.json",
      ExecutionCancel.class, "execution-cancel.schema.json",
      ContractError.class, "contract-error.schema.json",
      ExecutionUpdate.class, "execution-update.schema.json",
      PendingRequest.class, "pending-request.schema.json",
      PropertyReport.class, "property-report.schema.json",
      Presence.class, "presence.schema.json",
      PendingExecutions.class, "pending-executions.schema.json",
      EnrolmentRequest.class, "enrolment-request.schema.json",
      Credential.class, "credential.schema.json");

  private Schemas() {}

  /** The classpath resource of {@code message}'s schema, e.g. {@code io/fleetjobs/contract/schemas/presence.schema.json}. */
  public static String resource(Class<?> message) {
    String file = FILES.get(message);
    if (file == null) {
      throw new IllegalArgumentException(message.getSimpleName() + " is not a message of the contract");
    }
    return FOLDER + file;
  }

  /** Every message type with its schema resource, in a stable order (by file name). */
  public static Map<Class<?>, String> all() {
    Map<Class<?>, String> all = new TreeMap<>(Comparator.comparing(FILES::get));
    FILES.keySet().forEach(type -> all.put(type, resource(type)));
    return Collections.unmodifiableMap(all);
  }

  /** The schema file of a channel's message. */
  public static String resource(Channel channel) {
    return resource(messageOf(channel));
  }

  /** The message type carried on a channel. */
  public static Class<?> messageOf(Channel channel) {
    return switch (channel) {
      case EXECUTION -> ExecutionRequest.class;
      case CANCEL -> ExecutionCancel.class;
      case ERROR -> ContractError.class;
      case EXECUTION_UPDATE -> ExecutionUpdate.class;
      case PENDING_REQUEST -> PendingRequest.class;
      case PROPERTIES -> PropertyReport.class;
      case PRESENCE -> Presence.class;
      case ENROLMENT_REQUEST -> EnrolmentRequest.class;
      case CREDENTIAL -> Credential.class;
    };
  }
}
