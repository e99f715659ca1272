package io.fleetjobs.contract;

import com.networknt.schema.*;
import io.fleetjobs.contract.message.*;
import org.junit.jupiter.api.Test;

class ProbeTest {
  static final JsonSchemaFactory F = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
      b -> b.schemaMappers(m -> m.mapPrefix("https://fleetjobs.io/contract/v1/", "classpath:" + Schemas.FOLDER)));

  void p(Class<?> t, String json) throws Exception {
    var errs = F.getSchema(SchemaLocation.of("classpath:" + Schemas.resource(t))).validate(ContractJson.mapper().readTree(json));
    String rec;
    try { ContractJson.decode(json.getBytes(), t); rec = "ACCEPT"; }
    catch (ContractViolation v) { rec = v.code() + " " + v.field(); }
    catch (Throwable e) { rec = "EXC " + e; }
    String sch = errs.isEmpty() ? "ACCEPT" : "REJECT " + errs.iterator().next().getMessage();
    boolean agree = (rec.equals("ACCEPT")) == errs.isEmpty();
    System.out.println((agree ? "   " : "!! ") + t.getSimpleName() + " " + json + "\n      rec=" + rec + "\n      sch=" + sch);
  }

  String u(String extra) { return "{\"contractVersion\":1,\"executionId\":\"e-1\",\"version\":1" + extra + "}"; }
  String r(String ops) { return "{\"contractVersion\":1,\"executionId\":\"e\",\"jobId\":\"j\",\"version\":1,\"timeoutSeconds\":5,\"sentAt\":\"2026-11-24T09:00:00Z\",\"operations\":" + ops + "}"; }

  @Test
  void probe() throws Exception {
    for (String t : new String[] {"2026-11-24T09:00Z", "2026-11-24t09:00:00z", "2026-11-24T09:00:00.123456789Z", "2026-11-24T09:00:00.1234567891Z",
        "2026-11-24T09:00:00+0100", "2026-11-24T09:00:00+01", "2026-02-30T09:00:00Z", "2026-11-24T23:59:60Z", "2026-11-24 09:00:00Z",
        "+2026-11-24T09:00:00Z", "2026-11-24T9:00:00Z", "2026-11-24T09:00:00-00:00", "2026-11-24T09:00:00.Z", "2026-11-24T24:00:00Z"})
      p(PendingRequest.class, "{\"contractVersion\":1,\"timestamp\":\"" + t + "\"}");
    p(ExecutionUpdate.class, "{\"contractVersion\":1,\"executionId\":\"e-1\",\"status\":\"SUCCEEDED\",\"version\":9223372036854775808}");
    p(ExecutionUpdate.class, "{\"contractVersion\":1,\"executionId\":\"e-1\",\"status\":true,\"version\":1}");
    p(ExecutionUpdate.class, "{\"contractVersion\":1,\"executionId\":\"e-1\",\"status\":\"SUCCEEDED\",\"version\":1e2}");
  }
}
