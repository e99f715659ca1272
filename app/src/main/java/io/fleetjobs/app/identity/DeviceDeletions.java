package io.fleetjobs.app.identity;

import io.fleetjobs.app.device.DeviceDeleted;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/** A deleted device's credential goes with it, and its connection ends. */
@Singleton
class DeviceDeletions {

  private final DeviceCredentials credentials;

  DeviceDeletions(DeviceCredentials credentials) {
    this.credentials = credentials;
  }

  @EventListener
  void onDeleted(DeviceDeleted event) {
    credentials.forget(event.deviceId());
  }
}
