package io.fleetjobs.app.device;

import io.fleetjobs.app.common.BackgroundLoop;
import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.app.common.BatchLoop;
import io.fleetjobs.app.common.JsonText;
import io.fleetjobs.app.common.Sql;
import io.fleetjobs.app.common.TransientRetry;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.ErrorCode;
import io.fleetjobs.contract.message.PropertyReport;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Records devices' reported properties in batches: one read and one batched update per transaction for however many
 * reports queued up, instead of a transaction per message. A report older than the last one recorded for its device
 * is ignored. Each report's callback runs after commit, so transports acknowledge only what is stored.
 */
@Singleton
public class PropertyReports implements BackgroundLoop {

  private static final int BATCH = 1000;

  private record Pending(String deviceId, PropertyReport report, Consumer<ContractViolation> done) {}



  private final DeviceStore store;
  private final Sql sql;
  private final Clock clock;
  private final BatchLoop<Pending> loop;

  PropertyReports(DeviceStore store, Sql sql, Clock clock, TransientRetry retry) {
    this.store = store;
    this.sql = sql;
    this.clock = clock;
    this.loop = new BatchLoop<>("fleet-property-writer", BATCH, this::write, p -> p.done().accept(null), retry);
  }

  /** Queues a report; {@code done} gets null once it is stored (or found stale), or why it cannot be. */
  public void submit(String deviceId, PropertyReport report, Consumer<ContractViolation> done) {
    loop.submit(new Pending(deviceId, report, done));
  }

  @Override
  public String name() {
    return "fleet-property-writer";
  }

  @Override
  public Phase phase() {
    return Phase.WRITERS;
  }

  @Override
  public void start() {
    loop.start();
  }

  @Override
  public void stop() {
    loop.stop();
  }

  private void write(List<Pending> batch) {
    Map<String, Device> devices = new HashMap<>();
    List<String> ids = batch.stream().map(Pending::deviceId).distinct().toList();
    store.liveAmong(ids).forEach(d -> devices.put(d.id(), d));
    // several reports of one device in a batch: merged in version order into one update
    Map<String, Map<String, JsonNode>> merged = new LinkedHashMap<>();
    Map<String, Long> versions = new HashMap<>();
    for (Pending p : batch.stream().sorted((a, b) -> Long.compare(a.report().version(), b.report().version())).toList()) {
      Device device = devices.get(p.deviceId());
      if (device != null) {
        merged.computeIfAbsent(p.deviceId(), id -> new LinkedHashMap<>(device.reported())).putAll(p.report().properties());
        versions.merge(p.deviceId(), p.report().version(), Math::max);
      }
    }
    List<DeviceStore.ReportedUpdate> updates = new ArrayList<>();
    merged.forEach((id, values) -> updates.add(new DeviceStore.ReportedUpdate(id, JsonText.write(values), versions.get(id))));
    Instant now = clock.instant();
    sql.inTransaction(() -> store.writeReported(updates, now));
    for (Pending p : batch) {
      p.done().accept(devices.containsKey(p.deviceId()) ? null : new ContractViolation(
          ErrorCode.UNKNOWN_DEVICE, null, "device '" + p.deviceId() + "' is not registered; register it or name its template in an ONLINE presence"));
    }
  }
}
