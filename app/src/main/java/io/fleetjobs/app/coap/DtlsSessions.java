package io.fleetjobs.app.coap;

import io.fleetjobs.app.identity.CredentialRevoked;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.security.Principal;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.util.Filter;
import org.eclipse.californium.scandium.DTLSConnector;

/**
 * Ends a device's DTLS sessions as soon as its credential stops being valid (revoked, rotated, or its device
 * deleted): the connection and its session (no resumption) are forgotten, so the device's next request is dropped
 * and its next handshake needs the new key.
 */
@Singleton
@Requires(property = "fleet.coap.enabled", value = "true", defaultValue = "true")
class DtlsSessions {

  private final DTLSConnector connector;

  DtlsSessions(CoapServer server) {
    this.connector = server.getEndpoints().stream()
        .filter(e -> e instanceof CoapEndpoint c && c.getConnector() instanceof DTLSConnector)
        .map(e -> (DTLSConnector) ((CoapEndpoint) e).getConnector())
        .findFirst().orElseThrow(() -> new IllegalStateException("the CoAP server has no DTLS endpoint"));
  }

  @EventListener
  void onRevoked(CredentialRevoked event) {
    String deviceId = event.deviceId();
    Filter<Principal> ofDevice = peer -> deviceId.equals(PeerIdentity.of(peer));
    connector.startTerminateConnectionsForPrincipal(ofDevice, true);
  }
}
