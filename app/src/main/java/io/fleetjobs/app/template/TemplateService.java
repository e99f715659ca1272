package io.fleetjobs.app.template;

import io.fleetjobs.app.api.PageQuery;
import io.fleetjobs.app.api.PageResponse;
import io.fleetjobs.app.common.Ids;
import io.fleetjobs.app.common.Refusal;
import io.fleetjobs.app.common.Sql;
import io.fleetjobs.contract.Checks;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Device templates: what properties, settings and commands devices of a kind offer. */
@Singleton
public class TemplateService {

  private final TemplateStore store;
  private final TemplateUsers users;
  private final Sql sql;
  private final Clock clock;

  TemplateService(TemplateStore store, TemplateUsers users, Sql sql, Clock clock) {
    this.store = store;
    this.users = users;
    this.sql = sql;
    this.clock = clock;
  }

  public Template create(TemplateRequest request) {
    String id = Ids.require(request.id(), "id");
    String name = Ids.requireName(request.name(), "name", 200);
    Ids.optionalText(request.description(), "description", 2000);
    TemplateDefinition definition = new TemplateDefinition(request.properties(), request.settings(), request.commands());
    validate(definition);
    if (store.find(id).isPresent()) {
      throw Refusal.conflict("template '" + id + "' already exists");
    }
    Template template = new Template(id, name, request.description(), definition, clock.instant());
    store.insert(template);
    return template;
  }

  public Optional<Template> find(String id) {
    return store.find(id);
  }

  public Template get(String id) {
    return find(id).orElseThrow(() -> Refusal.notFound("template", id));
  }

  public PageResponse<Template> list(PageQuery query) {
    return PageResponse.of(store.page(query.offset(), query.size()), query, store.count());
  }

  /**
   * Deletes a template no device set is over; with {@code force}, also one that sets are over, which then become
   * broken and say so. Its devices stay in place either way. The check and the delete are one transaction, with the
   * template's row locked.
   */
  public void delete(String id, boolean force) {
    sql.inTransaction(() -> {
      if (!store.lock(id)) {
        throw Refusal.notFound("template", id);
      }
      List<String> sets = users.setsOver(id);
      if (!sets.isEmpty() && !force) {
        throw Refusal.conflict("template '" + id + "' is used by " + sets.size() + (sets.size() == 1 ? " device set: " : " device sets: ")
            + String.join(", ", sets.subList(0, Math.min(sets.size(), 20))) + (sets.size() > 20 ? ", …" : "")
            + "; delete or change them first, or delete with force=true, which leaves them broken");
      }
      store.delete(id);
    });
  }

  private static void validate(TemplateDefinition d) {
    Set<String> valueNames = new HashSet<>();
    checkEach(d.properties(), "properties", (p, at) -> {
      checkName(p.name(), at, valueNames);
      requireType(p.type(), at);
    });
    checkEach(d.settings(), "settings", (s, at) -> {
      checkName(s.name(), at, valueNames);
      requireType(s.type(), at);
    });
    Set<String> commandNames = new HashSet<>();
    checkEach(d.commands(), "commands", (c, at) -> {
      checkName(c.name(), at, commandNames);
      Set<String> parameterNames = new HashSet<>();
      checkEach(c.parameters(), at + ".parameters", (p, pat) -> {
        checkName(p.name(), pat, parameterNames);
        requireType(p.type(), pat);
      });
    });
  }

  private interface ItemCheck<T> {
    void check(T item, String at);
  }

  private static <T> void checkEach(List<T> items, String field, ItemCheck<T> check) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == null) {
        throw Refusal.invalid(field + "[" + i + "]", field + "[" + i + "] must be an object, not null");
      }
      check.check(items.get(i), field + "[" + i + "]");
    }
  }

  private static void checkName(String name, String at, Set<String> seen) {
    if (name == null || !Checks.NAME.matcher(name).matches()) {
      throw Refusal.invalid(at + ".name", "name must start with a letter and hold at most 64 letters, digits, '_' or '-'");
    }
    if (!seen.add(name)) {
      throw Refusal.invalid(at + ".name", "'" + name + "' is defined twice");
    }
  }

  private static void requireType(ValueType type, String at) {
    if (type == null) {
      throw Refusal.invalid(at + ".type", "type is required: STRING, INTEGER, NUMBER or BOOLEAN");
    }
  }
}
