package io.fleetjobs.app.device;

import io.fleetjobs.app.api.ProblemAnswers;
import io.fleetjobs.app.api.PageQuery;
import io.fleetjobs.app.api.PageResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.fleetjobs.app.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Reading and deleting devices; registering them and their credentials is in {@code identity.ProvisioningController}. */
@ProblemAnswers
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "bearer")
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "session")
@Controller("/api/devices")
@Secured(Role.VIEWER_NAME)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Devices", description = "Registered devices, their presence and reported properties")
class DeviceController {

  private final DeviceService devices;

  DeviceController(DeviceService devices) {
    this.devices = devices;
  }

  /** Devices, optionally of one template and presence; deleted ones only when asked. */
  @Operation(operationId = "listDevices", summary = "Lists devices")
  @Get
  PageResponse<DeviceView> list(
      @Nullable @QueryValue String template,
      @Nullable @QueryValue Boolean online,
      @Nullable @QueryValue Boolean includeDeleted,
      @Nullable @QueryValue Integer page,
      @Nullable @QueryValue Integer size) {
    return devices.list(template, online, Boolean.TRUE.equals(includeDeleted), PageQuery.of(page, size)).map(DeviceView::of);
  }

  @Operation(operationId = "getDevice", summary = "Reads a device with its presence and reported properties")
  @Get("/{id}")
  DeviceView get(String id) {
    return DeviceView.of(devices.get(id));
  }

  @Operation(operationId = "deleteDevice", summary = "Deletes a device (soft: it stays listed when deleted ones are asked for)")
  @Delete("/{id}")
  @Secured(Role.ADMIN_NAME)
  @Status(HttpStatus.NO_CONTENT)
  void delete(String id) {
    devices.delete(id);
  }
}
