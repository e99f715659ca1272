package io.fleetjobs.app.template;

import io.fleetjobs.app.api.ProblemAnswers;
import io.fleetjobs.app.api.PageQuery;
import io.fleetjobs.app.api.PageResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.fleetjobs.app.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;

@ProblemAnswers
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "bearer")
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "session")
@Controller("/api/templates")
@Secured(Role.VIEWER_NAME)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Templates", description = "Kinds of devices: typed properties, settings and commands")
class TemplateController {

  private final TemplateService templates;

  TemplateController(TemplateService templates) {
    this.templates = templates;
  }

  @Operation(operationId = "createTemplate", summary = "Creates a device template")
  @Post
  @Secured(Role.ADMIN_NAME)
  @Status(HttpStatus.CREATED) // what HttpResponse.created answers; read by the OpenAPI document
  HttpResponse<TemplateView> create(@Body TemplateRequest request) {
    TemplateView view = TemplateView.of(templates.create(request));
    return HttpResponse.created(view, URI.create("/api/templates/" + view.id()));
  }

  @Operation(operationId = "listTemplates", summary = "Lists device templates")
  @Get
  PageResponse<TemplateView> list(@Nullable @QueryValue Integer page, @Nullable @QueryValue Integer size) {
    return templates.list(PageQuery.of(page, size)).map(TemplateView::of);
  }

  @Operation(operationId = "getTemplate", summary = "Reads a device template")
  @Get("/{id}")
  TemplateView get(String id) {
    return TemplateView.of(templates.get(id));
  }

  @Operation(operationId = "deleteTemplate", summary = "Deletes a device template")
  @Delete("/{id}")
  @Secured(Role.ADMIN_NAME)
  @Status(HttpStatus.NO_CONTENT)
  void delete(String id, @Nullable @QueryValue Boolean force) {
    templates.delete(id, Boolean.TRUE.equals(force));
  }
}
