package io.fleetjobs.app.device;

import io.fleetjobs.app.common.BackgroundLoop;
import io.fleetjobs.app.common.BatchLoop;
import io.fleetjobs.app.common.Sql;
import io.fleetjobs.app.common.TransientRetry;
import io.fleetjobs.app.template.TemplateService;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.ErrorCode;
import io.fleetjobs.contract.message.Presence;
import io.fleetjobs.contract.message.PresenceState;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records presence (births and last wills) and registers unknown devices from their births, in batches: a fleet
 * coming online (or a gateway announcing its children) is thousands of presences a second, one read and a few
 * batched statements per transaction instead of a transaction each. Presences apply in arrival order; a gateway's
 * OFFLINE takes the children it has online at that point with it. Callbacks run after commit.
 */
@Singleton
public class Presences implements BackgroundLoop {

  private static final Logger LOG = LoggerFactory.getLogger(Presences.class);
  private static final int BATCH = 1000;

  /** A presence as it arrived; {@code expiresAt} (CoAP) is when it lapses unless refreshed. */
  public record Arrival(String deviceId, Presence presence, Route route, Instant expiresAt, Consumer<Result> done) {

    /** A place in the queue, no presence: its callback runs once everything queued before it is recorded. */
    static Arrival barrier(Runnable then) {
      return new Arrival(null, null, null, null, result -> then.run());
    }

    boolean isBarrier() {
      return presence == null;
    }
  }

  /** What became of a presence: refused with a violation, or recorded (and whether it registered the device). */
  public record Result(ContractViolation violation, boolean registered) {
    static final Result RECORDED = new Result(null, false);
  }

  private final DeviceStore store;
  private final Routes routes;
  private final TemplateService templates;
  private final DevicesConfig config;
  private final Sql sql;
  private final Clock clock;
  private final BatchLoop<Arrival> loop;

  Presences(
      DeviceStore store, Routes routes, TemplateService templates, DevicesConfig config, Sql sql, Clock clock, TransientRetry retry) {
    this.store = store;
    this.routes = routes;
    this.templates = templates;
    this.config = config;
    this.sql = sql;
    this.clock = clock;
    this.loop = new BatchLoop<>("fleet-presence-writer", BATCH, this::writeBatch, a -> a.done().accept(Result.RECORDED), retry);
  }

  /** Queues a presence; {@code done} runs once it is recorded or refused. */
  public void submit(Arrival arrival) {
    loop.submit(arrival);
  }

  /**
   * Runs {@code then} once every presence queued before this call is recorded. The engine serves a device its work
   * only after its birth is durable: after a crash, a device that may have been sent work must not look as if it had
   * stayed offline (the restart rule of {@code TimeoutSweeper} reads the recorded presence).
   */
  public void afterQueued(Runnable then) {
    loop.submit(Arrival.barrier(then));
  }

  private record Recorded(List<Result> results, Map<String, Route> routes) {}

  /** Presences to write in order, then the gateway (if any) whose last will ends the segment. */
  private record Segment(List<DeviceStore.PresenceUpdate> updates, String gatewayOffline) {}

  @Override
  public String name() {
    return "fleet-presence-writer";
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

  private void writeBatch(List<Arrival> batch) {
    Recorded recorded = sql.inTransaction(() -> record(batch));
    cache(batch, recorded);
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done().accept(recorded.results().get(i));
    }
  }

  /** Must run in a transaction; the route cache learns the outcome only once it commits (see {@link #cache}). */
  private Recorded record(List<Arrival> batch) {
    Instant now = clock.instant();
    Map<String, Route> known = new HashMap<>();
    Set<String> deleted = new HashSet<>();
    loadRoutes(batch, known, deleted);
    Map<String, Boolean> templateExists = new HashMap<>();
    List<Result> results = new ArrayList<>(batch.size());
    List<Device> inserts = new ArrayList<>();
    List<Device> revives = new ArrayList<>();
    // presences are written in segments, each closed by a gateway's last will that takes the children then online
    List<Segment> segments = new ArrayList<>();
    List<DeviceStore.PresenceUpdate> updates = new ArrayList<>();
    for (Arrival a : batch) {
      if (a.isBarrier()) {
        results.add(Result.RECORDED);
        continue;
      }
      boolean online = a.presence().state() == PresenceState.ONLINE;
      Route current = known.get(a.deviceId());
      try {
        if (current != null) {
          current.requireSpokenThrough(a.deviceId(), a.route().gatewayId());
          updates.add(new DeviceStore.PresenceUpdate(a.deviceId(), online, now, a.route().transport(), online ? a.expiresAt() : null));
          known.put(a.deviceId(), a.route());
          if (!online && !a.route().viaGateway()) {
            segments.add(new Segment(updates, a.deviceId()));
            updates = new ArrayList<>();
          }
          results.add(Result.RECORDED);
        } else if (!online) {
          results.add(Result.RECORDED); // the last will of a device we do not know: nothing to record
        } else {
          Device device = registration(a, now, known, templateExists);
          (deleted.remove(a.deviceId()) ? revives : inserts).add(device);
          updates.add(new DeviceStore.PresenceUpdate(a.deviceId(), true, now, a.route().transport(), a.expiresAt()));
          known.put(a.deviceId(), a.route());
          results.add(new Result(null, true));
        }
      } catch (ContractViolation violation) {
        results.add(new Result(violation, false));
      }
    }
    segments.add(new Segment(updates, null));
    store.insertAll(inserts);
    store.reviveAll(revives);
    for (Segment segment : segments) {
      store.setPresences(segment.updates());
      if (segment.gatewayOffline() != null) {
        store.childrenOffline(segment.gatewayOffline(), now);
      }
    }
    if (!inserts.isEmpty() || !revives.isEmpty()) {
      LOG.info("Registered {} devices from their birth messages", inserts.size() + revives.size());
    }
    return new Recorded(results, known);
  }

  private void loadRoutes(List<Arrival> batch, Map<String, Route> known, Set<String> deleted) {
    Set<String> missing = new LinkedHashSet<>();
    for (Arrival a : batch) {
      if (a.isBarrier()) {
        continue;
      }
      for (String id : a.route().viaGateway() ? List.of(a.deviceId(), a.route().gatewayId()) : List.of(a.deviceId())) {
        Route cached = routes.cached(id);
        if (cached != null) {
          known.put(id, cached);
        } else {
          missing.add(id);
        }
      }
    }
    store.registrations(new ArrayList<>(missing)).values().forEach(r -> {
      if (r.deleted()) {
        deleted.add(r.id());
      } else {
        known.put(r.id(), r.route());
      }
    });
  }

  private Device registration(Arrival a, Instant now, Map<String, Route> known, Map<String, Boolean> templateExists) {
    Presence presence = a.presence();
    if (!config.openRegistration() || presence.template() == null) {
      throw new ContractViolation(ErrorCode.UNKNOWN_DEVICE, presence.template() == null && config.openRegistration() ? "template" : null,
          config.openRegistration()
              ? "device '" + a.deviceId() + "' is not registered; register it or name its template in an ONLINE presence"
              : "device '" + a.deviceId() + "' is not registered; an admin registers it (or it enrols) before it connects");
    }
    if (!templateExists.computeIfAbsent(presence.template(), id -> templates.find(id).isPresent())) {
      throw new ContractViolation(ErrorCode.INVALID_FIELD, "template", "template '" + presence.template() + "' does not exist");
    }
    if (a.route().viaGateway()) {
      Route gateway = known.get(a.route().gatewayId());
      if (gateway == null || !gateway.canBeGateway()) {
        throw new ContractViolation(ErrorCode.UNKNOWN_DEVICE, null,
            "gateway '" + a.route().gatewayId() + "' is not a registered device on its own MQTT connection, so it cannot register children");
      }
    }
    return new Device(a.deviceId(), a.deviceId(), presence.template(), presence.attributes(), Map.of(), true, now, now, null,
        a.route().transport(), a.route().gatewayId());
  }

  private void cache(List<Arrival> batch, Recorded recorded) {
    for (int i = 0; i < batch.size(); i++) {
      if (recorded.results().get(i).violation() == null && !batch.get(i).isBarrier()) {
        String id = batch.get(i).deviceId();
        Route route = recorded.routes().get(id);
        if (route != null) {
          routes.put(id, route);
        }
      }
    }
  }
}
