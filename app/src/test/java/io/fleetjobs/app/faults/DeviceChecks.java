package io.fleetjobs.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.contract.message.UpdateStatus;
import io.fleetjobs.sim.SimulatedDevice;
import java.util.List;
import java.util.Map;

/**
 * A finished job's rows against what the simulated devices did: none did the job's work twice (the simulator counts
 * applications under distinct execution ids, not deliveries), each row COMPLETED is a device that did it once and
 * said so, and no device's final answer is recorded as something else (an answer may only be outranked by the job's
 * stop: a CANCELED row whose device answered after the stop reached the service is the one allowed difference). A
 * FAILED row the device did not report is NEVER_DELIVERED and the device never got the work: a device offline past the
 * job's delivery deadline (the service's restart takes its time too); one that had the work is the fault.
 */
final class DeviceChecks {

  private DeviceChecks() {}

  static void check(String because, String job, Map<String, JobAudit.Row> rows, List<SimulatedDevice> devices) {
    for (SimulatedDevice device : devices) {
      String as = because + ", job " + job + ", device " + device.id();
      JobAudit.Row row = rows.get(device.id());
      String status = row == null ? null : row.status();
      int applications = device.applications(job);
      UpdateStatus reported = device.reported(job);
      assertThat(applications).as(as + ": applications of the job's work (status " + status + ")").isLessThanOrEqualTo(1);
      if (status == null) {
        assertThat(applications).as(as + ": applied a job it has no row in").isZero();
        continue;
      }
      switch (status) {
        case "COMPLETED" -> {
          assertThat(applications).as(as + ": COMPLETED, applied").isEqualTo(1);
          assertThat(reported).as(as + ": COMPLETED, reported").isEqualTo(UpdateStatus.SUCCEEDED);
        }
        case "FAILED" -> {
          if (reported == null) {
            assertThat(row.failureReason()).as(as + ": FAILED, not reported by the device (none may time out)").isEqualTo("NEVER_DELIVERED");
            assertThat(applications).as(as + ": FAILED as NEVER_DELIVERED, applied").isZero();
          } else {
            assertThat(reported).as(as + ": FAILED, reported").isIn(UpdateStatus.FAILED, UpdateStatus.REJECTED);
          }
        }
        case "CANCELED" -> { } // stopped first: whatever the device did after, the stop stands unless its answer arrived
        default -> throw new AssertionError(as + ": not a final status: " + status);
      }
      if (reported == UpdateStatus.SUCCEEDED) {
        assertThat(status).as(as + ": reported SUCCEEDED, recorded").isIn("COMPLETED", "CANCELED");
      } else if (reported == UpdateStatus.FAILED || reported == UpdateStatus.REJECTED) {
        assertThat(status).as(as + ": reported " + reported + ", recorded").isIn("FAILED", "CANCELED");
      }
    }
  }
}
