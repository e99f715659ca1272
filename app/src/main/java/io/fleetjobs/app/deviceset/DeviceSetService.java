package io.fleetjobs.app.deviceset;

import io.fleetjobs.app.api.PageQuery;
import io.fleetjobs.app.api.PageResponse;
import io.fleetjobs.app.common.Ids;
import io.fleetjobs.app.common.Refusal;
import io.fleetjobs.app.common.Sql;
import io.fleetjobs.app.device.Device;
import io.fleetjobs.app.device.DeviceService;
import io.fleetjobs.app.template.Template;
import io.fleetjobs.app.template.TemplateService;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Device sets: definition, health (broken or not), preview, and resolution into devices for jobs. */
@Singleton
public class DeviceSetService {

  private static final int PAGE = 1000;

  private final DeviceSetStore store;
  private final MemberStore members;
  private final TemplateService templates;
  private final DeviceService devices;
  private final Sql sql;
  private final Clock clock;

  DeviceSetService(
      DeviceSetStore store, MemberStore members, TemplateService templates, DeviceService devices, Sql sql, Clock clock) {
    this.store = store;
    this.members = members;
    this.templates = templates;
    this.devices = devices;
    this.sql = sql;
    this.clock = clock;
  }

  public DeviceSet create(DeviceSetRequest request) {
    String id = request.id() == null ? Ids.newId() : Ids.require(request.id(), "id");
    String name = Ids.requireName(request.name(), "name", 200);
    Ids.optionalText(request.description(), "description", 2000);
    String templateId = Ids.require(request.template(), "template");
    Template template =
        templates.find(templateId).orElseThrow(() -> Refusal.invalid("template", "template '" + templateId + "' does not exist"));
    List<Condition> conditions = request.conditions() == null ? List.of() : new ArrayList<>(request.conditions());
    boolean list = request.deviceIds() != null;
    if (list && !conditions.isEmpty()) {
      throw Refusal.invalid("conditions", "give either conditions (a filter) or deviceIds (a list), not both");
    }
    for (int i = 0; i < conditions.size(); i++) {
      String at = "conditions[" + i + "]";
      if (conditions.get(i) == null) {
        throw Refusal.invalid(at, at + " must be an object, not null");
      }
      ConditionCheck.problem(conditions.get(i), template).ifPresent(p -> {
        throw Refusal.invalid(at + "." + p.part(), p.message());
      });
    }
    List<String> deviceIds = list ? checkMembers(request.deviceIds(), templateId) : List.of();
    if (store.find(id).isPresent()) {
      throw Refusal.conflict("device set '" + id + "' already exists");
    }
    DeviceSetStore.Row row = new DeviceSetStore.Row(id, name, request.description(), templateId,
        (list ? DeviceSet.Kind.LIST : DeviceSet.Kind.FILTER).name(), List.copyOf(conditions), clock.instant());
    // answered as read back, as every later read answers it: numbers in conditions as the stored JSON gives them
    DeviceSetStore.Row stored = sql.inTransaction(() -> {
      store.insert(row);
      members.insert(id, deviceIds);
      return store.find(id).orElseThrow();
    });
    return toDeviceSet(stored);
  }

  public DeviceSet get(String id) {
    return find(id).orElseThrow(() -> Refusal.notFound("device set", id));
  }

  public Optional<DeviceSet> find(String id) {
    return store.find(id).map(this::toDeviceSet);
  }

  public PageResponse<DeviceSet> list(PageQuery query) {
    return PageResponse.of(store.page(query.offset(), query.size()).stream().map(this::toDeviceSet).toList(), query, store.count());
  }

  public void delete(String id) {
    boolean deleted = sql.inTransaction(() -> {
      members.deleteAll(id);
      return store.delete(id);
    });
    if (!deleted) {
      throw Refusal.notFound("device set", id);
    }
  }

  /** A set jobs may use, or a 422 on {@code field} that says why not. */
  public DeviceSet requireUsable(String id, String field) {
    if (id == null) {
      throw Refusal.invalid(field, field + " is required");
    }
    DeviceSet set = find(id).orElseThrow(() -> Refusal.invalid(field, "device set '" + id + "' does not exist"));
    set.brokenReason().ifPresent(reason -> {
      throw Refusal.invalid(field, "device set '" + set.name() + "' is broken: " + reason);
    });
    return set;
  }

  /** The devices a set resolves to now, a page of them, with their total. */
  public PageResponse<Device> preview(String id, PageQuery query) {
    DeviceSet set = get(id);
    if (set.isBroken()) {
      throw Refusal.conflict("device set '" + set.name() + "' is broken: " + set.brokenReason().get());
    }
    List<Device> page = new ArrayList<>();
    long[] seen = {0};
    forEachBatch(set, batch -> {
      for (Device d : batch) {
        if (seen[0] >= query.offset() && page.size() < query.size()) {
          page.add(d);
        }
        seen[0]++;
      }
    });
    return PageResponse.of(page, query, seen[0]);
  }

  /** Streams the live devices of a set in id order, a batch at a time, never holding the whole set. */
  public void forEachBatch(DeviceSet set, Consumer<List<Device>> consumer) {
    String after = "";
    Page page;
    do {
      page = page(set, after, PAGE, true);
      if (!page.members().isEmpty()) {
        consumer.accept(page.members());
      }
      after = page.last();
    } while (after != null);
  }

  /**
   * One step of a walk over a set in device id order: the members among the next {@code limit} candidates after
   * {@code after}, and the last candidate looked at ({@code null} once the walk is over), to resume from. The members'
   * reported properties are left out unless the set's filter reads them: this is for storing a job's executions.
   */
  public Page page(DeviceSet set, String after, int limit) {
    return page(set, after, limit, false);
  }

  private Page page(DeviceSet set, String after, int limit, boolean withReported) {
    if (set.kind() == DeviceSet.Kind.FILTER) {
      boolean reported = withReported || DeviceFilter.readsProperties(set.conditions());
      List<Device> candidates = devices.liveByTemplate(set.templateId(), after, limit, reported);
      return new Page(
          candidates.stream().filter(d -> DeviceFilter.matches(d, set.conditions())).toList(),
          candidates.size() < limit ? null : candidates.get(candidates.size() - 1).id());
    }
    List<String> ids = members.after(set.id(), after, limit);
    return new Page(
        devices.liveAmong(ids).stream().filter(d -> d.templateId().equals(set.templateId())).toList(),
        ids.size() < limit ? null : ids.get(ids.size() - 1));
  }

  /** Members found by one step of a walk, and where the next step starts ({@code null}: the walk is over). */
  public record Page(List<Device> members, String last) {}

  /** Which of {@code candidates} belong to the set now. */
  public List<Device> members(DeviceSet set, List<Device> candidates) {
    if (set.kind() == DeviceSet.Kind.FILTER) {
      return candidates.stream()
          .filter(d -> d.templateId().equals(set.templateId()) && DeviceFilter.matches(d, set.conditions()))
          .toList();
    }
    Set<String> listed =
        members.listedAmong(set.id(), candidates.stream().map(Device::id).toList());
    return candidates.stream()
        .filter(d -> d.templateId().equals(set.templateId()) && listed.contains(d.id()))
        .toList();
  }

  private List<String> checkMembers(List<String> ids, String templateId) {
    Set<String> unique = new HashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      Ids.require(ids.get(i), "deviceIds[" + i + "]");
      if (!unique.add(ids.get(i))) {
        throw Refusal.invalid("deviceIds[" + i + "]", "device '" + ids.get(i) + "' is listed twice");
      }
    }
    for (int from = 0; from < ids.size(); from += PAGE) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PAGE));
      Set<String> live = new HashSet<>();
      devices.liveAmong(chunk).stream().filter(d -> d.templateId().equals(templateId)).forEach(d -> live.add(d.id()));
      for (int i = 0; i < chunk.size(); i++) {
        if (!live.contains(chunk.get(i))) {
          throw Refusal.invalid(
              "deviceIds[" + (from + i) + "]", "device '" + chunk.get(i) + "' is not a registered device of template '" + templateId + "'");
        }
      }
    }
    return List.copyOf(ids);
  }

  private DeviceSet toDeviceSet(DeviceSetStore.Row e) {
    List<Condition> conditions = e.conditions();
    Template template = templates.find(e.templateId()).orElse(null);
    return new DeviceSet(
        e.id(), e.name(), e.description(), e.templateId(), DeviceSet.Kind.valueOf(e.kind()), conditions, e.createdAt(),
        DeviceFilter.brokenReason(e.templateId(), template, conditions));
  }
}
