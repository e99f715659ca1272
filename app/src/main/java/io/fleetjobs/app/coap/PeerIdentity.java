package io.fleetjobs.app.coap;

import java.security.Principal;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;

/** The device id a DTLS peer proved in its handshake: its PSK identity. Plain CoAP peers have none. */
final class PeerIdentity {

  private PeerIdentity() {}

  /** The PSK identity of {@code peer}; null for a plain-CoAP peer. */
  static String of(Principal peer) {
    if (peer == null) {
      return null;
    }
    return peer instanceof PreSharedKeyIdentity psk ? psk.getIdentity() : peer.getName();
  }
}
