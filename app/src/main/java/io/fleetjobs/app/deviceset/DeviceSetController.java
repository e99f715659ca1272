package io.fleetjobs.app.deviceset;

import io.fleetjobs.app.api.ProblemAnswers;
import io.fleetjobs.app.api.PageQuery;
import io.fleetjobs.app.api.PageResponse;
import io.fleetjobs.app.device.DeviceSummary;
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
@Controller("/api/device-sets")
@Secured(Role.VIEWER_NAME)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Device sets", description = "Filters over devices, or explicit lists, that jobs target")
class DeviceSetController {

  private final DeviceSetService sets;

  DeviceSetController(DeviceSetService sets) {
    this.sets = sets;
  }

  @Operation(operationId = "createDeviceSet", summary = "Creates a device set: a filter over devices, or a list of them")
  @Post
  @Secured(Role.OPERATOR_NAME)
  @Status(HttpStatus.CREATED) // what HttpResponse.created answers; read by the OpenAPI document
  HttpResponse<DeviceSetView> create(@Body DeviceSetRequest request) {
    DeviceSetView view = DeviceSetView.of(sets.create(request));
    return HttpResponse.created(view, URI.create("/api/device-sets/" + view.id()));
  }

  @Operation(operationId = "listDeviceSets", summary = "Lists device sets")
  @Get
  PageResponse<DeviceSetView> list(@Nullable @QueryValue Integer page, @Nullable @QueryValue Integer size) {
    return sets.list(PageQuery.of(page, size)).map(DeviceSetView::of);
  }

  @Operation(operationId = "getDeviceSet", summary = "Reads a device set")
  @Get("/{id}")
  DeviceSetView get(String id) {
    return DeviceSetView.of(sets.get(id));
  }

  /** The devices the set resolves to right now. */
  @Operation(operationId = "deviceSetDevices", summary = "Lists the devices the set resolves to right now")
  @Get("/{id}/devices")
  PageResponse<DeviceSummary> preview(
      String id, @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer size) {
    return sets.preview(id, PageQuery.of(page, size)).map(DeviceSummary::of);
  }

  @Operation(operationId = "deleteDeviceSet", summary = "Deletes a device set")
  @Delete("/{id}")
  @Secured(Role.OPERATOR_NAME)
  @Status(HttpStatus.NO_CONTENT)
  void delete(String id) {
    sets.delete(id);
  }
}
