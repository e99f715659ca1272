package io.fleetjobs.app.device;

import io.fleetjobs.app.api.PageQuery;
import io.fleetjobs.app.api.PageResponse;
import io.fleetjobs.app.common.Ids;
import io.fleetjobs.app.common.Refusal;
import io.fleetjobs.app.common.Text;
import io.fleetjobs.app.template.TemplateService;
import io.fleetjobs.contract.Checks;
import io.fleetjobs.contract.ContractViolation;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fleet's devices: registration, presence, reported properties and deletion that keeps history. */
@Singleton
public class DeviceService {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceService.class);

  private final DeviceStore store;
  private final TemplateService templates;
  private final Clock clock;
  private final Routes routes;
  private final io.micronaut.context.event.ApplicationEventPublisher<DeviceDeleted> deletions;

  DeviceService(DeviceStore store, Routes routes, TemplateService templates, Clock clock,
      io.micronaut.context.event.ApplicationEventPublisher<DeviceDeleted> deletions) {
    this.deletions = deletions;
    this.store = store;
    this.routes = routes;
    this.templates = templates;
    this.clock = clock;
  }

  public Device register(DeviceRequest request) {
    return registerAll(List.of(request), i -> "").get(0);
  }

  /**
   * Registers devices all at once or none: every request is checked first (a field at fault is named with {@code
   * prefix} of its index, e.g. {@code [3].template}), then they are written in batches. A gateway may be registered
   * in the same list as its children. Must run in a transaction for all-or-nothing; the route cache learns the
   * devices at once (a failed transaction leaves only cache entries the database corrects on the next miss).
   */
  public List<Device> registerAll(List<DeviceRequest> requests, java.util.function.IntFunction<String> prefix) {
    Map<String, Boolean> templateExists = new java.util.HashMap<>();
    Map<String, DeviceStore.Registration> known = store.registrations(requests.stream().map(DeviceRequest::id)
        .filter(id -> id != null && Checks.ID.matcher(id).matches()).distinct().toList());
    Map<String, Route> inBatch = new java.util.HashMap<>();
    List<Device> inserts = new java.util.ArrayList<>();
    List<Device> revives = new java.util.ArrayList<>();
    List<Device> all = new java.util.ArrayList<>(requests.size());
    Instant now = clock.instant();
    for (int i = 0; i < requests.size(); i++) {
      DeviceRequest request = requests.get(i);
      String p = prefix.apply(i);
      String id = Ids.require(request.id(), p + "id");
      String name = request.name() == null ? id : Ids.requireName(request.name(), p + "name", 200);
      String template = Ids.require(request.template(), p + "template");
      if (!templateExists.computeIfAbsent(template, t -> templates.find(t).isPresent())) {
        throw Refusal.invalid(p + "template", "template '" + template + "' does not exist");
      }
      Map<String, String> attributes = checkAttributes(request.attributes(), p);
      DeviceStore.Registration existing = known.get(id);
      if (existing != null && !existing.deleted() || inBatch.containsKey(id)) {
        throw Refusal.conflict(p + "id", "device '" + id + "' is already registered");
      }
      Transport transport = request.transport() == null ? Transport.MQTT : request.transport();
      String gatewayId = request.gatewayId();
      if (gatewayId != null) {
        Ids.require(gatewayId, p + "gatewayId");
        if (transport != Transport.MQTT) {
          throw Refusal.invalid(p + "transport", "a gateway's children are reached over MQTT");
        }
        if (gatewayId.equals(id)) {
          throw Refusal.invalid(p + "gatewayId", "a device cannot be its own gateway");
        }
        Route gateway = inBatch.containsKey(gatewayId) ? inBatch.get(gatewayId) : routes.of(gatewayId).orElse(null);
        if (gateway == null || !gateway.canBeGateway()) {
          throw Refusal.invalid(p + "gatewayId", "gateway '" + gatewayId + "' must be a registered device on its own MQTT connection");
        }
      }
      Device device = new Device(id, name, template, attributes, Map.of(), false, null, now, null, transport, gatewayId);
      (existing != null ? revives : inserts).add(device);
      inBatch.put(id, device.route());
      all.add(device);
    }
    store.insertAll(inserts);
    store.reviveAll(revives);
    inBatch.forEach(routes::put);
    return all;
  }

  public Device get(String id) {
    return store.find(id).orElseThrow(() -> Refusal.notFound("device", id));
  }

  public Optional<Device> find(String id) {
    return store.find(id);
  }

  public PageResponse<Device> list(String templateId, Boolean online, boolean includeDeleted, PageQuery query) {
    return PageResponse.of(
        store.page(templateId, online, includeDeleted, query.offset(), query.size()), query, store.count(templateId, online, includeDeleted));
  }

  /** Soft delete: the device stops being served and leaves device sets, but old jobs still name it. */
  public void delete(String id) {
    if (!store.markDeleted(id, clock.instant())) {
      throw Refusal.notFound("device", id);
    }
    routes.remove(id);
    deletions.publishEvent(new DeviceDeleted(id));
  }

  /**
   * Checks that a message about {@code deviceId} came the way the device is registered: through its own gateway, or on
   * its own connection ({@code gatewayId} null). Devices not registered pass: what they send is refused on its own.
   *
   * @throws ContractViolation {@code NOT_A_CHILD} otherwise
   */
  public void requireRoute(String deviceId, String gatewayId) {
    routes.of(deviceId).ifPresent(known -> known.requireSpokenThrough(deviceId, gatewayId));
  }

  /** Marks offline the CoAP devices that stopped refreshing their presence. */
  public int expirePresence() {
    return store.expirePresence(clock.instant());
  }

  /** How a device is reached; directly over MQTT for devices not known. */
  public Route routeOf(String deviceId) {
    return routes.of(deviceId).orElse(Route.MQTT);
  }

  /**
   * Live devices of a template, in id order, after {@code afterId} (use "" to start); their reported properties only
   * {@code withReported}.
   */
  public List<Device> liveByTemplate(String templateId, String afterId, int limit, boolean withReported) {
    return store.liveByTemplate(templateId, afterId, limit, withReported);
  }

  public List<Device> liveAmong(List<String> ids) {
    return store.liveAmong(ids);
  }

  private static Map<String, String> checkAttributes(Map<String, String> attributes, String prefix) {
    if (attributes == null) {
      return Map.of();
    }
    attributes.forEach((key, value) -> {
      if (!Checks.NAME.matcher(key).matches()) {
        throw Refusal.invalid(prefix + "attributes." + key, "attribute names start with a letter and hold at most 64 letters, digits, '_' or '-'");
      }
      if (value == null) {
        throw Refusal.invalid(prefix + "attributes." + key, "attribute values are strings of at most 256 characters");
      }
      Text.requireLine(value, prefix + "attributes." + key, 256);
    });
    return Map.copyOf(attributes);
  }
}
