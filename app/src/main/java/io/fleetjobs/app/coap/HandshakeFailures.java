package io.fleetjobs.app.coap;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.dtls.SessionAdapter;

/**
 * Counts failed DTLS handshakes ({@code fleet_coap_refused_total{reason="handshake"}}) and logs them at most once per
 * interval per peer address: a wrong key (its Finished does not decrypt, is dropped as DTLS requires, and the
 * handshake fails when it times out), a client that gave up, a protocol error. Refused PSK identities are counted
 * and explained by {@link DevicePskStore} as it refuses them; it marks their connection here, so that the timeout
 * that then ends such a handshake is not counted again.
 */
final class HandshakeFailures extends SessionAdapter {

  /** Refused connections remembered; past that they are forgotten (a few may then be counted twice). */
  private static final int REMEMBERED = 10_000;

  private final CoapRefusals refusals;
  private final Set<ConnectionId> counted = ConcurrentHashMap.newKeySet();

  HandshakeFailures(CoapRefusals refusals) {
    this.refusals = refusals;
  }

  /** The handshake of connection {@code cid} was refused and counted already. */
  void countedAlready(ConnectionId cid) {
    if (cid != null) {
      if (counted.size() >= REMEMBERED) {
        counted.clear();
      }
      counted.add(cid);
    }
  }

  @Override
  public void handshakeFailed(Handshaker handshaker, Throwable error) {
    ConnectionId cid = handshaker.getConnection() == null ? null : handshaker.getConnection().getConnectionId();
    if (cid != null && counted.remove(cid)) {
      return;
    }
    String peer = handshaker.getPeerAddress() == null ? "?" : handshaker.getPeerAddress().getAddress().getHostAddress();
    refusals.refused(CoapRefusals.Reason.HANDSHAKE, peer, "A DTLS handshake from {} failed: {}", peer, error.getMessage());
  }
}
