package io.fleetjobs.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.app.support.Api;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the REST API says about a job, checked against itself: its counts against its rows (each device once, one final
 * status each), and a deleted job against every read that could still show it.
 */
final class JobAudit {

  private static final List<String> FINAL = List.of("COMPLETED", "FAILED", "CANCELED");
  private static final int PAGE = 1_000;

  private final Api api;
  private final String because;

  /** {@code because}: what every assertion message starts with (the seed, so a failure replays). */
  JobAudit(Api api, String because) {
    this.api = api;
    this.because = because;
  }

  /** One device's row in a job: its status, and why it failed (null unless FAILED). */
  record Row(String status, String failureReason) {}

  /** A finished job's rows by device id, after checking they agree with its counts; {@code total} devices. */
  Map<String, Row> finished(String job, long total) {
    JsonNode view = api.get("/api/jobs/" + job).body();
    JsonNode counts = view.get("counts");
    String as = because + ", job " + job + " (" + view.path("status").asText() + ")";
    assertThat(view.path("status").asText()).as(as).isIn("COMPLETED", "FAILED", "STOPPED");
    if ("ABANDONED".equals(view.path("storing").asText())) {
      // stopped while its executions were being stored: the devices not stored by then have no row in it
      assertThat(counts.get("total").asLong()).as(as + ": total of a job whose storing the stop abandoned").isBetween(1L, total);
      total = counts.get("total").asLong();
    } else {
      assertThat(counts.get("total").asLong()).as(as + ": total").isEqualTo(total);
    }
    assertThat(counts.get("pending").asLong()).as(as + ": pending").isZero();
    assertThat(FINAL.stream().mapToLong(s -> counts.get(s.toLowerCase()).asLong()).sum()).as(as + ": counts per status add up to the total")
        .isEqualTo(total);
    Map<String, Row> rows = rows(job, as);
    assertThat(rows).as(as + ": one row per device").hasSize((int) total);
    Map<String, Long> perStatus = new HashMap<>();
    rows.values().forEach(r -> perStatus.merge(r.status(), 1L, Long::sum));
    for (String status : FINAL) {
      assertThat(perStatus.getOrDefault(status, 0L)).as(as + ": rows " + status + " against its count").isEqualTo(counts.get(status.toLowerCase()).asLong());
    }
    assertThat(rows.values()).as(as + ": every device has a final status").allMatch(r -> FINAL.contains(r.status()));
    long csvRows = api.text("/api/jobs/" + job + "/devices.csv").body().lines().skip(1).filter(l -> !l.isBlank()).count();
    assertThat(csvRows).as(as + ": CSV rows").isEqualTo(total);
    return rows;
  }

  /** A deleted job shows nowhere: not by id, not its rows, not its CSV, not in the listing. */
  void gone(String job) {
    String as = because + ", deleted job " + job;
    assertThat(api.get("/api/jobs/" + job).status()).as(as).isEqualTo(404);
    assertThat(api.get("/api/jobs/" + job + "/devices?size=1").status()).as(as + ": its rows").isEqualTo(404);
    assertThat(api.text("/api/jobs/" + job + "/devices.csv").status()).as(as + ": its CSV").isEqualTo(404);
    JsonNode listed = api.get("/api/jobs?size=" + PAGE).body().get("items");
    for (JsonNode item : listed) {
      assertThat(item.get("id").asText()).as(as + ": listed").isNotEqualTo(job);
    }
  }

  /** Device id to row over every page of the job's rows; a device listed twice fails. */
  private Map<String, Row> rows(String job, String as) {
    Map<String, Row> rows = new HashMap<>();
    for (int page = 0; ; page++) {
      Api.Answer answer = api.get("/api/jobs/" + job + "/devices?size=" + PAGE + "&page=" + page);
      assertThat(answer.status()).as(as + ": rows page " + page).isEqualTo(200);
      JsonNode items = answer.body().get("items");
      for (JsonNode row : items) {
        String device = row.get("deviceId").asText();
        Row before = rows.put(device, new Row(row.get("status").asText(), row.path("failureReason").asText(null)));
        assertThat(before).as(as + ": " + device + " listed twice").isNull();
      }
      if (items.size() < PAGE) {
        return rows;
      }
    }
  }
}
