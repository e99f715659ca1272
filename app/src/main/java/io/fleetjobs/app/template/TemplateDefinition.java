package io.fleetjobs.app.template;

import io.fleetjobs.app.common.Ids;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Optional;

/** What devices of a template offer: typed properties (writable or not), settings and commands. */
public record TemplateDefinition(List<Property> properties, List<Setting> settings, List<Command> commands) {

  public TemplateDefinition {
    properties = copy(properties);
    settings = copy(settings);
    commands = copy(commands);
  }

  /** An unmodifiable copy that keeps null items (List.copyOf would throw): the service names them as refused. */
  static <T> List<T> copy(List<T> items) {
    return items == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
  }

  /** A value the device reports; an operator may write it only if {@code writable}. */
  public record Property(
      @Schema(pattern = Ids.KEY_PATTERN, requiredMode = Schema.RequiredMode.REQUIRED) String name, ValueType type,
      @Schema(defaultValue = "false", requiredMode = Schema.RequiredMode.NOT_REQUIRED) boolean writable) {}

  /** A value the operator sets and the device applies. */
  public record Setting(@Schema(pattern = Ids.KEY_PATTERN, requiredMode = Schema.RequiredMode.REQUIRED) String name, ValueType type) {}

  /** Something the device does when asked, with typed parameters. */
  public record Command(@Schema(pattern = Ids.KEY_PATTERN, requiredMode = Schema.RequiredMode.REQUIRED) String name, @Nullable List<Parameter> parameters) {
    public Command {
      parameters = copy(parameters);
    }
  }

  /** A command parameter; required unless said otherwise. */
  public record Parameter(
      @Schema(pattern = Ids.KEY_PATTERN, requiredMode = Schema.RequiredMode.REQUIRED) String name, ValueType type, @Nullable @Schema(description = "true unless false") Boolean required) {
    public boolean isRequired() {
      return required == null || required;
    }
  }

  public Optional<Property> property(String name) {
    return properties.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public Optional<Setting> setting(String name) {
    return settings.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  public Optional<Command> command(String name) {
    return commands.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The type of a property or setting, for filters over reported values. */
  public Optional<ValueType> valueType(String name) {
    return property(name).map(Property::type).or(() -> setting(name).map(Setting::type));
  }
}
