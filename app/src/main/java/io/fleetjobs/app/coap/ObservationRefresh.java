package io.fleetjobs.app.coap;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/**
 * Keeps devices' observations fresh: once a second, notifies each observing device that has had no notification for
 * {@code fleet.coap.observe.refresh}, before its Max-Age lapses and it observes again (RFC 7641 §4.3.1).
 */
@Singleton
@Requires(property = "fleet.coap.enabled", value = "true", defaultValue = "true")
class ObservationRefresh {

  private final DevicesResource devices;

  ObservationRefresh(DevicesResource devices) {
    this.devices = devices;
  }

  @Scheduled(fixedDelay = "1s", initialDelay = "1s")
  void refresh() {
    devices.refreshQuiet();
  }
}
