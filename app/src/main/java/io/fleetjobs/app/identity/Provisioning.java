package io.fleetjobs.app.identity;

import io.fleetjobs.app.common.Refusal;
import io.fleetjobs.app.common.Sql;
import io.fleetjobs.app.device.Device;
import io.fleetjobs.app.device.DeviceRequest;
import io.fleetjobs.app.device.DeviceService;
import io.fleetjobs.app.device.DeviceView;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Registers devices with their credentials, one or a fleet at a time, all or nothing: a refused upload registers
 * nobody. Devices on their own connection get a secret each; a gateway's children get none, they speak through it.
 */
@Singleton
public class Provisioning {

  /** The most devices one bulk registration takes. */
  public static final int MAX_BULK = 100_000;

  private final DeviceService devices;
  private final DeviceCredentials credentials;
  private final Sql sql;
  private final ApplicationEventPublisher<CredentialsChanged> changes;

  Provisioning(DeviceService devices, DeviceCredentials credentials, Sql sql, ApplicationEventPublisher<CredentialsChanged> changes) {
    this.devices = devices;
    this.credentials = credentials;
    this.sql = sql;
    this.changes = changes;
  }

  public DeviceView register(DeviceRequest request) {
    return registerAll(List.of(request), false).get(0);
  }

  /** Registers every device of an upload; field errors name the row, as {@code [i].field}. */
  public List<DeviceView> registerAll(List<DeviceRequest> requests) {
    if (requests.isEmpty()) {
      throw Refusal.invalid(null, "the upload holds no device");
    }
    if (requests.size() > MAX_BULK) {
      throw Refusal.invalid(null, "one upload registers at most " + MAX_BULK + " devices, not " + requests.size());
    }
    return registerAll(requests, true);
  }

  private List<DeviceView> registerAll(List<DeviceRequest> requests, boolean bulk) {
    List<DeviceView> answers = sql.inTransaction(() -> {
      List<Device> registered = devices.registerAll(requests, bulk ? i -> "[" + i + "]." : i -> "");
      List<String> own = registered.stream().filter(d -> d.gatewayId() == null).map(Device::id).toList();
      Map<String, DeviceCredentials.Issued> secrets = new java.util.HashMap<>();
      credentials.issueAll(own).forEach(i -> secrets.put(i.deviceId(), i));
      List<DeviceView> views = new ArrayList<>(registered.size());
      for (Device d : registered) {
        DeviceCredentials.Issued issued = secrets.get(d.id());
        DeviceView view = DeviceView.of(d);
        views.add(issued == null ? view : view.withCredential(issued.secret(), issued.issuedAt()));
      }
      return views;
    });
    // committed: the new secrets can be exported now
    List<String> withSecrets = answers.stream().filter(v -> v.credential() != null).map(DeviceView::id).toList();
    if (!withSecrets.isEmpty()) {
      changes.publishEvent(new CredentialsChanged(withSecrets));
    }
    return answers;
  }
}
