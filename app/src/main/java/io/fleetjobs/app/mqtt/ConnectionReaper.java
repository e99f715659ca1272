package io.fleetjobs.app.mqtt;

import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.services.Services;
import io.fleetjobs.app.identity.CredentialRevoked;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a device's connection to the embedded broker as soon as its credential stops being valid (revoked, rotated,
 * or its device deleted): permissions are granted at connect, so the next connect must show the new credential.
 */
@Singleton
@Requires(property = "fleet.mqtt.embedded", value = "true", defaultValue = "true")
class ConnectionReaper {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionReaper.class);

  private final EmbeddedBroker broker; // only to be sure the broker (and with it Services) is up

  ConnectionReaper(EmbeddedBroker broker) {
    this.broker = broker;
  }

  @EventListener
  void onRevoked(CredentialRevoked event) {
    Services.clientService()
        .disconnectClient(event.deviceId(), false, DisconnectReasonCode.NOT_AUTHORIZED, "the device's credential is no longer valid")
        .whenComplete((was, error) -> {
          if (Boolean.TRUE.equals(was)) {
            LOG.info("Disconnected device '{}' from the embedded broker: its credential is no longer valid", event.deviceId());
          }
        });
  }
}
