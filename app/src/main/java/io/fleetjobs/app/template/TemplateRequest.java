package io.fleetjobs.app.template;

import io.fleetjobs.app.common.Ids;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Body of {@code POST /api/templates}. */
public record TemplateRequest(
    @Schema(pattern = Ids.ID_PATTERN, requiredMode = Schema.RequiredMode.REQUIRED) String id,
    @Schema(description = Ids.NAME_200, minLength = 1, maxLength = 200, requiredMode = Schema.RequiredMode.REQUIRED) String name,
    @Nullable @Schema(description = Ids.DESCRIPTION_2000, maxLength = 2000) String description,
    @Nullable List<TemplateDefinition.Property> properties,
    @Nullable List<TemplateDefinition.Setting> settings,
    @Nullable List<TemplateDefinition.Command> commands) {}
