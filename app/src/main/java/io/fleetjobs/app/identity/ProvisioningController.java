package io.fleetjobs.app.identity;

import io.fleetjobs.app.api.ProblemAnswers;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetjobs.app.api.ApiException;
import io.fleetjobs.app.common.Refusal;
import io.fleetjobs.app.device.DeviceRequest;
import io.fleetjobs.app.device.DeviceService;
import io.fleetjobs.app.device.DeviceView;
import io.fleetjobs.app.security.Role;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.fleetjobs.app.api.RegisteredDevicesDoc;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Registering devices and managing their credentials (admins only). A device's secret is in the answer that issues
 * it and nowhere else: the service keeps only its hash and a sealed copy for DTLS.
 */
@ProblemAnswers
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "bearer")
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "session")
@Controller("/api/devices")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Role.ADMIN_NAME)
@Tag(name = "Devices")
class ProvisioningController {

  private final Provisioning provisioning;
  private final DeviceCredentials credentials;
  private final DeviceService devices;
  private final ObjectMapper json;

  /** {@code json}: the service's configured mapper, so a bulk upload is read as strictly as any other body. */
  ProvisioningController(Provisioning provisioning, DeviceCredentials credentials, DeviceService devices, ObjectMapper json) {
    this.json = json;
    this.provisioning = provisioning;
    this.credentials = credentials;
    this.devices = devices;
  }

  /** Registers a device; the answer's {@code credential.secret} is its secret, shown this once. */
  @Operation(operationId = "registerDevice", summary = "Registers a device and issues its credential, shown this once")
  @Post
  @Status(HttpStatus.CREATED) // what HttpResponse.created answers; read by the OpenAPI document
  HttpResponse<DeviceView> register(@Body DeviceRequest request) {
    DeviceView view = provisioning.register(request);
    return HttpResponse.created(view, URI.create("/api/devices/" + view.id()));
  }

  /**
   * Registers a fleet at once, all or none: a JSON array of device bodies, or CSV ({@code text/csv}: header
   * {@code id,template,name,transport,gatewayId,attributes.<name>}). Answers every device with its secret, or with
   * {@code Accept: text/csv} a {@code deviceId,secret} file, the only time the secrets are shown.
   */
  @Operation(operationId = "registerDevices", summary = "Registers a fleet of devices at once, all or none",
      description = "Registers a fleet at once, all or none: a JSON array of device registrations, or CSV (text/csv: header "
          + "id,template,name,transport,gatewayId,attributes.<name>). Answers every device with its secret, or, when Accept "
          + "prefers text/csv to application/json (by quality, then order), a deviceId,secret file: the only time the secrets are shown.")
  @ApiResponse(responseCode = "201", description = "every device registered, with its secret (shown this once): as JSON, or "
      + "as a deviceId,secret file when Accept prefers text/csv", content = {
      @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegisteredDevicesDoc.class)),
      @Content(mediaType = "text/csv", schema = @Schema(type = "string", description = "header deviceId,secret, then one device "
          + "per row"))})
  @RequestBody(required = true, description = "the devices: a JSON array of device registrations, or CSV", content = {
      // a reference: the body is read as a String, which micronaut-openapi would otherwise write as its type
      @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "#/components/schemas/DeviceRequests")),
      @Content(mediaType = "text/csv", schema = @Schema(type = "string", description = "header "
          + "id,template,name,transport,gatewayId,attributes.<name> (one column per attribute), then one device per row"))})
  @Post(value = "/bulk", consumes = {MediaType.APPLICATION_JSON, "text/csv"}, produces = {MediaType.APPLICATION_JSON, "text/csv"})
  @Status(HttpStatus.CREATED) // what HttpResponse.created answers; read by the OpenAPI document
  HttpResponse<?> registerAll(HttpRequest<?> request, @Body String body) {
    boolean csvIn = request.getContentType().map(t -> t.getName().equals("text/csv")).orElse(false);
    List<DeviceRequest> requests = csvIn ? DeviceCsv.read(body) : readJson(body);
    List<DeviceView> registered = provisioning.registerAll(requests);
    boolean csvOut = DeviceCsv.preferred(request.getHeaders().accept());
    if (csvOut) {
      return HttpResponse.status(io.micronaut.http.HttpStatus.CREATED).contentType("text/csv")
          .header("Content-Disposition", "attachment; filename=\"device-credentials.csv\"")
          .body(DeviceCsv.credentials(registered));
    }
    return HttpResponse.created(Map.of("registered", registered.size(), "devices", registered));
  }

  /** Whether the device has an active credential, and since when; never the secret. */
  @Operation(operationId = "getDeviceCredential", summary = "Reads whether the device has an active credential")
  @Get("/{id}/credential")
  CredentialView credential(String id) {
    devices.get(id);
    return credentials.find(id).map(CredentialView::of).orElseThrow(() -> Refusal.notFound("credential of device", id));
  }

  /** Issues a new secret (shown this once); the old one stops working and the device's connection ends. */
  @Operation(operationId = "rotateDeviceCredential", summary = "Issues the device a new secret, shown this once")
  @Post("/{id}/credential")
  CredentialView rotate(String id) {
    if (devices.get(id).gatewayId() != null) {
      throw Refusal.conflict("device '" + id + "' is a child of gateway '" + devices.get(id).gatewayId()
          + "': it has no credential of its own, it speaks through its gateway");
    }
    return CredentialView.of(credentials.issue(id));
  }

  /** Revokes the device's secret: its connection ends and it cannot connect again until a new one is issued. */
  @Operation(operationId = "revokeDeviceCredential", summary = "Revokes the device's secret")
  @Delete("/{id}/credential")
  CredentialView revoke(String id) {
    devices.get(id);
    return CredentialView.of(credentials.revoke(id));
  }

  private List<DeviceRequest> readJson(String body) {
    List<DeviceRequest> requests;
    try {
      requests = json.readValue(body, new TypeReference<List<DeviceRequest>>() {});
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      throw unreadable(io.fleetjobs.app.api.JsonProblems.describe(e));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw unreadable(io.fleetjobs.app.api.JsonProblems.describe(e));
    }
    if (requests == null) {
      throw new ApiException(io.micronaut.http.HttpStatus.BAD_REQUEST, null, "the body is not a JSON array of devices");
    }
    for (int i = 0; i < requests.size(); i++) {
      if (requests.get(i) == null) {
        throw Refusal.invalid("[" + i + "]", "[" + i + "] must be a device, not null");
      }
    }
    return requests;
  }

  /** Unreadable JSON is a 400, as for every other body. */
  private static ApiException unreadable(io.fleetjobs.app.api.JsonProblems.Described problem) {
    return new ApiException(io.micronaut.http.HttpStatus.BAD_REQUEST, problem.field(), problem.message());
  }
}
