package io.fleetjobs.contract.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fleetjobs.contract.Checks;
import io.fleetjobs.contract.ContractVersion;
import java.util.List;

/**
 * Service to a CoAP device, as the observable {@code pending} resource: the executions it has not finished (fetch
 * each one) and those recently canceled (stop working on them). MQTT devices get the same information as messages.
 */
public record PendingExecutions(
    Integer contractVersion,
    // always sent, empty when there is nothing (CONTRACT.md §12): other messages leave empty lists out
    @JsonInclude(JsonInclude.Include.ALWAYS) List<Entry> executions,
    @JsonInclude(JsonInclude.Include.ALWAYS) List<String> canceled) {

  /** One unfinished execution: fetch {@code executions/{executionId}} for its operations. */
  public record Entry(String executionId, String jobId) {
    public Entry {
      Checks.id(executionId, "executionId");
      Checks.id(jobId, "jobId");
    }
  }

  public PendingExecutions {
    Messages.requireVersion(contractVersion);
    executions = Checks.copyOrEmpty(requireEntries(executions, "executions"));
    canceled = Checks.copyOrEmpty(requireEntries(canceled, "canceled"));
    for (int i = 0; i < canceled.size(); i++) {
      Checks.id(canceled.get(i), "canceled[" + i + "]");
    }
  }

  /** A null element is reported as a missing one, with its index, rather than as a bare NullPointerException. */
  private static <T> List<T> requireEntries(List<T> list, String field) {
    for (int i = 0; list != null && i < list.size(); i++) {
      Checks.required(list.get(i), field + "[" + i + "]");
    }
    return list;
  }

  public static PendingExecutions of(List<Entry> executions, List<String> canceled) {
    return new PendingExecutions(ContractVersion.CURRENT, executions, canceled);
  }
}
