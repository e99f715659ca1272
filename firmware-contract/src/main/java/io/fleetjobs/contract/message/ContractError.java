package io.fleetjobs.contract.message;

import io.fleetjobs.contract.Checks;
import io.fleetjobs.contract.ContractVersion;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.ErrorCode;
import java.time.Instant;

/**
 * Service to device on {@code down/error}: a message the device sent broke the contract and was dropped.
 *
 * @param code what kind of fault
 * @param field the offending field as a JSON path ({@code operations[0].name}, {@code status}), or {@code topic}
 * @param message human-readable explanation
 * @param topic the topic the faulty message was published to
 * @param sentAt when the service sent this (ISO-8601)
 */
public record ContractError(
    Integer contractVersion, ErrorCode code, String field, String message, String topic, Instant sentAt) {

  public ContractError {
    Messages.requireVersion(contractVersion);
    Checks.required(code, "code");
    Checks.required(message, "message");
    Checks.required(topic, "topic");
    Checks.required(sentAt, "sentAt");
  }

  public static ContractError of(ContractViolation violation, String topic, Instant sentAt) {
    return new ContractError(
        ContractVersion.CURRENT, violation.code(), violation.field(), violation.getMessage(), topic, sentAt);
  }
}
