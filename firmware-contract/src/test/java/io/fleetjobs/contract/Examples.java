package io.fleetjobs.contract;

import io.fleetjobs.contract.message.ContractError;
import io.fleetjobs.contract.message.ExecutionCancel;
import io.fleetjobs.contract.message.ExecutionRequest;
import io.fleetjobs.contract.message.ExecutionUpdate;
import io.fleetjobs.contract.message.PendingRequest;
import io.fleetjobs.contract.message.Presence;
import io.fleetjobs.contract.message.PropertyReport;
import java.util.List;

/** Example documents per message: one valid, and broken ones with the code and field they must be refused with. */
final class Examples {

  record Broken(String json, ErrorCode code, String field) {}

  record Case(Class<?> type, String valid, List<Broken> broken) {
    @Override
    public String toString() {
      return type.getSimpleName();
    }
  }

  private Examples() {}

  static List<Case> all() {
    return List.of(
        new Case(ExecutionRequest.class, """
            {"contractVersion": 1, "executionId": "9b2f0c1e-7d1a-4c43-9a55-1f0e8d7c6b5a", "jobId": "j-1", "version": 1,
             "operations": [{"type": "SETTING", "name": "fanSpeed", "value": 3},
                            {"type": "COMMAND", "name": "defrost", "parameters": {"minutes": 10}}],
             "timeoutSeconds": 600, "sentAt": "2026-11-24T09:00:00Z"}""", List.of(
            new Broken("""
                {"contractVersion": 1, "executionId": "e", "jobId": "j", "version": 1, "operations": [], "timeoutSeconds": 1, "sentAt": "2026-11-24T09:00:00Z"}""",
                ErrorCode.INVALID_FIELD, "operations"),
            new Broken("""
                {"contractVersion": 1, "executionId": "e", "jobId": "j", "version": 1, "timeoutSeconds": 1, "sentAt": "2026-11-24T09:00:00Z",
                 "operations": [{"type": "SETTING", "name": "fanSpeed"}]}""", ErrorCode.MISSING_FIELD, "operations[0].value"),
            new Broken("""
                {"contractVersion": 1, "executionId": "e", "jobId": "j", "version": 1, "timeoutSeconds": 1, "sentAt": "2026-11-24T09:00:00Z",
                 "operations": [{"type": "COMMAND", "name": "reboot", "value": 1}]}""", ErrorCode.INVALID_FIELD, "operations[0].value"),
            new Broken("""
                {"contractVersion": 1, "executionId": "e", "jobId": "j", "version": 1, "timeoutSeconds": "soon", "sentAt": "2026-11-24T09:00:00Z",
                 "operations": [{"type": "SETTING", "name": "fanSpeed", "value": 1}]}""", ErrorCode.WRONG_TYPE, "timeoutSeconds"))),
        new Case(ExecutionCancel.class, """
            {"contractVersion": 1, "executionId": "e-1", "jobId": "j-1", "reason": "job stopped by the operator", "sentAt": "2026-11-24T09:00:05Z"}""",
            List.of(new Broken("""
                {"contractVersion": 1, "executionId": "e-1", "jobId": "j-1", "sentAt": "2026-11-24T09:00:05Z"}""", ErrorCode.MISSING_FIELD, "reason"))),
        new Case(ExecutionUpdate.class, """
            {"contractVersion": 1, "executionId": "e-1", "status": "SUCCEEDED", "version": 2,
             "results": {"defrost": "ok"}, "timestamp": "2026-11-24T09:00:01Z"}""", List.of(
            new Broken("""
                {"contractVersion": 1, "executionId": "e-1", "status": "FAILED", "version": 2}""", ErrorCode.MISSING_FIELD, "error"),
            new Broken("""
                {"contractVersion": 1, "executionId": "e-1", "status": "SUCCEEDED", "version": 0}""", ErrorCode.INVALID_FIELD, "version"),
            new Broken("""
                {"contractVersion": 1, "executionId": "e-1", "status": "DONE", "version": 1}""", ErrorCode.INVALID_FIELD, "status"),
            new Broken("""
                {"contractVersion": 1, "executionId": "e-1", "status": "SUCCEEDED", "version": "2"}""", ErrorCode.WRONG_TYPE, "version"),
            new Broken("""
                {"contractVersion": 1, "executionId": "e-1", "status": "SUCCEEDED", "version": 1, "error": {"code": "X", "message": "y"}}""",
                ErrorCode.INVALID_FIELD, "error"),
            new Broken("""
                {"contractVersion": 2, "executionId": "e-1", "status": "SUCCEEDED", "version": 1}""", ErrorCode.UNSUPPORTED_VERSION, "contractVersion"))),
        new Case(PendingRequest.class, """
            {"contractVersion": 1, "timestamp": "2026-11-24T09:00:00Z"}""",
            List.of(new Broken("{}", ErrorCode.MISSING_FIELD, "contractVersion"))),
        new Case(PropertyReport.class, """
            {"contractVersion": 1, "version": 17, "properties": {"temperature": 4.5, "fanSpeed": 3}}""", List.of(
            new Broken("""
                {"contractVersion": 1, "version": 17, "properties": {}}""", ErrorCode.INVALID_FIELD, "properties"),
            new Broken("""
                {"contractVersion": 1, "properties": {"fanSpeed": 3}}""", ErrorCode.MISSING_FIELD, "version"))),
        new Case(Presence.class, """
            {"contractVersion": 1, "state": "ONLINE", "template": "vending-fridge", "attributes": {"region": "north"}}""", List.of(
            new Broken("""
                {"contractVersion": 1, "state": "AWAY"}""", ErrorCode.INVALID_FIELD, "state"),
            new Broken("""
                {"contractVersion": 1, "state": "ONLINE", "attributes": {"floor": 3}}""", ErrorCode.WRONG_TYPE, "attributes.floor"),
            new Broken("""
                {"state": "ONLINE"}""", ErrorCode.MISSING_FIELD, "contractVersion"))),
        new Case(io.fleetjobs.contract.message.PendingExecutions.class, """
            {"contractVersion": 1, "executions": [{"executionId": "e-1", "jobId": "j-1"}], "canceled": ["e-0"]}""", List.of(
            new Broken("""
                {"contractVersion": 1, "executions": [{"executionId": "e-1"}]}""", ErrorCode.MISSING_FIELD, "executions[0].jobId"),
            new Broken("""
                {"contractVersion": 1, "canceled": "e-0"}""", ErrorCode.WRONG_TYPE, "canceled"))),
        new Case(ContractError.class, """
            {"contractVersion": 1, "code": "WRONG_TYPE", "field": "version", "message": "version: has the wrong JSON type",
             "topic": "fleet/v1/devices/d1/up/execution-update", "sentAt": "2026-11-24T09:00:00Z"}""",
            List.of(new Broken("""
                {"contractVersion": 1, "code": "WRONG_TYPE", "message": "m", "sentAt": "2026-11-24T09:00:00Z"}""", ErrorCode.MISSING_FIELD, "topic"))));
  }
}
