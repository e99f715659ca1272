package io.fleetjobs.app.coap;

import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.dtls.SessionAdapter;

/**
 * Counts failed DTLS handshakes ({@code fleet_coap_refused_total{reason="handshake"}}) other than refused PSK
 * identities, which {@link DevicePskStore} counts and explains when it refuses them: a wrong key (its Finished does
 * not decrypt, is dropped as DTLS requires, and the handshake fails when it times out), a client that gave up, a
 * protocol error. Logged at most once per interval per peer address.
 */
final class HandshakeFailures extends SessionAdapter {

  private final CoapRefusals refusals;

  HandshakeFailures(CoapRefusals refusals) {
    this.refusals = refusals;
  }

  @Override
  public void handshakeFailed(Handshaker handshaker, Throwable error) {
    if (error instanceof HandshakeException e && e.getAlert() != null
        && e.getAlert().getDescription() == AlertMessage.AlertDescription.UNKNOWN_PSK_IDENTITY) {
      return; // counted by DevicePskStore
    }
    String peer = handshaker.getPeerAddress() == null ? "?" : handshaker.getPeerAddress().getAddress().getHostAddress();
    refusals.refused(CoapRefusals.Reason.HANDSHAKE, peer, "A DTLS handshake from {} failed: {}", peer, error.getMessage());
  }
}
