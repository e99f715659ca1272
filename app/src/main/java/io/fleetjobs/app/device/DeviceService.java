package io.fleetjobs.app.device;

import io.fleetjobs.app.api.ApiException;
import io.fleetjobs.app.api.PageQuery;
import io.fleetjobs.app.api.PageResponse;
import io.fleetjobs.app.common.Ids;
import io.fleetjobs.app.template.TemplateService;
import io.fleetjobs.contract.Checks;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.message.Presence;
import io.fleetjobs.contract.message.PresenceState;
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
  private final DevicesConfig config;
  private final Clock clock;
  private final Routes routes;
  private final Presences presences;

  DeviceService(DeviceStore store, Routes routes, Presences presences, TemplateService templates, DevicesConfig config, Clock clock) {
    this.store = store;
    this.routes = routes;
    this.presences = presences;
    this.templates = templates;
    this.config = config;
    this.clock = clock;
  }

  public Device register(DeviceRequest request) {
    String id = Ids.require(request.id(), "id");
    String name = request.name() == null ? id : Ids.requireName(request.name(), "name", 200);
    String template = Ids.require(request.template(), "template");
    if (templates.find(template).isEmpty()) {
      throw ApiException.invalid("template", "template '" + template + "' does not exist");
    }
    Map<String, String> attributes = checkAttributes(request.attributes());
    Optional<Device> existing = store.find(id);
    if (existing.isPresent() && !existing.get().isDeleted()) {
      throw ApiException.conflict("device '" + id + "' is already registered");
    }
    Transport transport = request.transport() == null ? Transport.MQTT : request.transport();
    String gatewayId = request.gatewayId();
    if (gatewayId != null) {
      Ids.require(gatewayId, "gatewayId");
      if (transport != Transport.MQTT) {
        throw ApiException.invalid("transport", "a gateway's children are reached over MQTT");
      }
      if (gatewayId.equals(id)) {
        throw ApiException.invalid("gatewayId", "a device cannot be its own gateway");
      }
      if (!routes.of(gatewayId).map(Route::canBeGateway).orElse(false)) {
        throw ApiException.invalid("gatewayId", "gateway '" + gatewayId + "' must be a registered device on its own MQTT connection");
      }
    }
    Device device = new Device(id, name, template, attributes, Map.of(), false, null, clock.instant(), null, transport, gatewayId);
    if (existing.isPresent()) {
      store.revive(device);
    } else {
      store.insert(device);
    }
    routes.put(id, device.route());
    return get(id);
  }

  public Device get(String id) {
    return store.find(id).orElseThrow(() -> ApiException.notFound("device", id));
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
      throw ApiException.notFound("device", id);
    }
    routes.remove(id);
  }

  /**
   * Records a presence of a device reached by {@code route} now; a CoAP presence lapses after {@code lifetime} unless
   * refreshed. Returns true when it registered the device. (MQTT presences go through {@link Presences} in batches.)
   *
   * @throws ContractViolation when the presence is refused, e.g. {@code NOT_A_CHILD} for a device registered with
   *     another route
   */
  public boolean presence(String deviceId, Presence presence, Route route, java.time.Duration lifetime) {
    Instant expires = presence.state() == PresenceState.ONLINE && lifetime != null ? clock.instant().plus(lifetime) : null;
    Presences.Result result = presences.recordNow(new Presences.Arrival(deviceId, presence, route, expires, r -> {}));
    if (result.violation() != null) {
      throw result.violation();
    }
    return result.registered();
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

  private static Map<String, String> checkAttributes(Map<String, String> attributes) {
    if (attributes == null) {
      return Map.of();
    }
    attributes.forEach((key, value) -> {
      if (!Checks.NAME.matcher(key).matches()) {
        throw ApiException.invalid("attributes." + key, "attribute names start with a letter and hold at most 64 letters, digits, '_' or '-'");
      }
      if (value == null || value.length() > 256) {
        throw ApiException.invalid("attributes." + key, "attribute values are strings of at most 256 characters");
      }
    });
    return Map.copyOf(attributes);
  }
}
