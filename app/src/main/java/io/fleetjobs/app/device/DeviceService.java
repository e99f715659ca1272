package io.fleetjobs.app.device;

import io.fleetjobs.app.api.ApiException;
import io.fleetjobs.app.api.PageQuery;
import io.fleetjobs.app.api.PageResponse;
import io.fleetjobs.app.common.Ids;
import io.fleetjobs.app.template.TemplateService;
import io.fleetjobs.contract.Checks;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.ErrorCode;
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
  private final java.util.concurrent.ConcurrentHashMap<String, Transport> transports = new java.util.concurrent.ConcurrentHashMap<>();

  DeviceService(DeviceStore store, TemplateService templates, DevicesConfig config, Clock clock) {
    this.store = store;
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
    Device device = new Device(id, name, template, attributes, Map.of(), false, null, clock.instant(), null, transport);
    if (existing.isPresent()) {
      store.revive(device);
    } else {
      store.insert(device);
    }
    transports.put(id, transport);
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
  }

  /** Records an MQTT presence message; registers an unknown device from its birth message when allowed. */
  public boolean presence(String deviceId, Presence presence) {
    return presence(deviceId, presence, Transport.MQTT, null);
  }

  /**
   * Records a presence over {@code transport}; a CoAP presence lapses after {@code lifetime} unless refreshed.
   * Returns true when the device was registered by this message.
   */
  public boolean presence(String deviceId, Presence presence, Transport transport, java.time.Duration lifetime) {
    Instant now = clock.instant();
    boolean online = presence.state() == PresenceState.ONLINE;
    Instant expires = online && lifetime != null ? now.plus(lifetime) : null;
    if (store.setPresence(deviceId, online, now, transport, expires)) {
      transports.put(deviceId, transport);
      return false;
    }
    if (!online) {
      return false; // the last will of a device we do not know: nothing to record
    }
    if (!config.autoRegister() || presence.template() == null) {
      throw unknown(deviceId, presence.template() == null ? "template" : null);
    }
    if (templates.find(presence.template()).isEmpty()) {
      throw new ContractViolation(ErrorCode.INVALID_FIELD, "template", "template '" + presence.template() + "' does not exist");
    }
    Device device = new Device(deviceId, deviceId, presence.template(), presence.attributes(), Map.of(), true, now, now, null, transport);
    if (store.find(deviceId).isPresent()) {
      store.revive(device);
    } else {
      store.insert(device);
    }
    store.setPresence(deviceId, true, now, transport, expires);
    transports.put(deviceId, transport);
    LOG.info("Registered {} device {} of template {} from its birth message", transport, deviceId, presence.template());
    return true;
  }

  /** Marks offline the CoAP devices that stopped refreshing their presence. */
  public int expirePresence() {
    return store.expirePresence(clock.instant());
  }

  /** How a device is reached; MQTT for devices not known. Cached: it changes only when a device switches protocol. */
  public Transport transportOf(String deviceId) {
    return transports.computeIfAbsent(deviceId, id -> store.transport(id).orElse(Transport.MQTT));
  }

  /** Live devices of a template, in id order, after {@code afterId} (use "" to start). */
  public List<Device> liveByTemplate(String templateId, String afterId, int limit) {
    return store.liveByTemplate(templateId, afterId, limit);
  }

  public List<Device> liveAmong(List<String> ids) {
    return store.liveAmong(ids);
  }

  private static ContractViolation unknown(String deviceId, String field) {
    return new ContractViolation(
        ErrorCode.UNKNOWN_DEVICE, field, "device '" + deviceId + "' is not registered; register it or name its template in an ONLINE presence");
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
