package io.fleetjobs.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fleetjobs.contract.message.ContractError;
import io.fleetjobs.contract.message.DeviceError;
import io.fleetjobs.contract.message.ExecutionCancel;
import io.fleetjobs.contract.message.ExecutionRequest;
import io.fleetjobs.contract.message.ExecutionUpdate;
import io.fleetjobs.contract.message.Operation;
import io.fleetjobs.contract.message.UpdateStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The codec's own rules, beyond what the example files show. */
class ContractJsonTest {

  private static final Instant AT = Instant.parse("2026-11-24T09:00:00Z");

  @Test
  void absentFieldsAndEmptyMapsAreLeftOutButEmptyStringsStay() {
    String json = text(ExecutionCancel.of("e-1", "j-1", "", AT));
    assertThat(json).isEqualTo(
        "{\"contractVersion\":1,\"executionId\":\"e-1\",\"jobId\":\"j-1\",\"reason\":\"\",\"sentAt\":\"2026-11-24T09:00:00Z\"}");
    String update = text(new ExecutionUpdate(1, "e-1", UpdateStatus.SUCCEEDED, 2L, Map.of(), null, null, null));
    assertThat(update).isEqualTo("{\"contractVersion\":1,\"executionId\":\"e-1\",\"status\":\"SUCCEEDED\",\"version\":2}");
  }

  @Test
  void aCommandIsEncodedWithoutAValueAndAnEmptyTextValueIsKept() {
    String json = text(ExecutionRequest.of("e-1", "j-1", 1, List.of(
        Operation.command("reboot", Map.of()), Operation.property("label", TextNode.valueOf(""))), 60, AT));
    assertThat(json).contains("{\"type\":\"COMMAND\",\"name\":\"reboot\"}", "{\"type\":\"PROPERTY\",\"name\":\"label\",\"value\":\"\"}");
  }

  @Test
  void aWholeNumberMayCarryAZeroFraction() {
    ExecutionUpdate update = decode("{\"contractVersion\": 1.0, \"executionId\": \"e-1\", \"status\": \"SUCCEEDED\", \"version\": 3.00}",
        ExecutionUpdate.class);
    assertThat(update.version()).isEqualTo(3L);
    assertThat(update.contractVersion()).isEqualTo(1);
  }

  @Test
  void aContractVersionTooLargeForAnIntIsUnsupportedNotAnOverflowToOne() {
    // 4294967297 is 2^32 + 1: read as an int it would be version 1
    assertThatThrownBy(() -> decode("{\"contractVersion\": 4294967297}", io.fleetjobs.contract.message.PendingRequest.class))
        .isInstanceOfSatisfying(ContractViolation.class, v -> {
          assertThat(v.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
          assertThat(v.field()).isEqualTo("contractVersion");
          assertThat(v.getMessage()).contains("is 4294967297");
        });
  }

  @Test
  void theOnlyWholeNumberReadAsAnIntIsTheContractVersion() {
    // StrictScalars reads every Integer as a contractVersion: an int out of range is an unsupported version
    List<Class<?>> records = new java.util.ArrayList<>(Schemas.all().keySet());
    records.addAll(List.of(Operation.class, DeviceError.class, io.fleetjobs.contract.message.PendingExecutions.Entry.class));
    for (Class<?> type : records) {
      for (var component : type.getRecordComponents()) {
        if (component.getType() == Integer.class || component.getType() == int.class) {
          assertThat(component.getName()).as(type.getSimpleName()).isEqualTo("contractVersion");
        }
      }
    }
  }

  @Test
  void aNestedViolationIsReportedUnderItsFullPath() {
    String json = """
        {"contractVersion": 1, "executionId": "e", "jobId": "j", "version": 1, "timeoutSeconds": 1, "sentAt": "2026-11-24T09:00:00Z",
         "operations": [{"type": "COMMAND", "name": "reboot"}, {"type": "COMMAND", "name": "defrost", "parameters": {"minutes": "ten", "bad key": 1}}]}""";
    assertThatThrownBy(() -> decode(json, ExecutionRequest.class))
        .isInstanceOfSatisfying(ContractViolation.class, v -> {
          assertThat(v.code()).isEqualTo(ErrorCode.INVALID_FIELD);
          assertThat(v.field()).isEqualTo("operations[1].parameters.bad key");
          assertThat(v.getMessage()).startsWith("operations[1].parameters.bad key: ");
        });
  }

  @Test
  void aContractErrorCarriesTheViolationsCodeFieldAndExplanation() {
    ContractViolation violation = new ContractViolation(ErrorCode.WRONG_TYPE, "version", "has the wrong JSON type");
    ContractError error = ContractError.of(violation, "fleet/v1/devices/d1/up/execution-update", AT);
    assertThat(decode(text(error), ContractError.class)).isEqualTo(error);
    assertThat(error.message()).isEqualTo("version: has the wrong JSON type");
    assertThat(error.field()).isEqualTo("version");
  }

  @Test
  void theFactoriesBuildValidMessages() {
    assertThat(ExecutionUpdate.failed("e-1", 2, new DeviceError("FAN_STUCK", "operation 0 failed")).error().code()).isEqualTo("FAN_STUCK");
    assertThat(Operation.setting("fanSpeed", IntNode.valueOf(3)).parameters()).isEmpty();
    assertThatThrownBy(() -> Operation.setting("fanSpeed", null))
        .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.field()).isEqualTo("value"));
  }

  private static String text(Object message) {
    return new String(ContractJson.encode(message), StandardCharsets.UTF_8);
  }

  private static <T> T decode(String json, Class<T> type) {
    return ContractJson.decode(json.getBytes(StandardCharsets.UTF_8), type);
  }

  @Test
  void aPendingListWithNothingToDoCarriesEmptyListsNeverAbsentOnes() {
    String json = new String(ContractJson.encode(new io.fleetjobs.contract.message.PendingExecutions(1, null, null)),
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(json).contains("\"executions\":[]").contains("\"canceled\":[]");
  }
}
