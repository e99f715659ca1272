package io.fleetjobs.sim;

import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.DtlsEndpointContext;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.MapBasedEndpointContext;
import org.eclipse.californium.scandium.DTLSConnector;

/**
 * CONTRACT.md §12's rule for a DTLS session the service lost (a restart: it silently drops records it cannot
 * decrypt): a request unanswered after two transmissions goes on over a new handshake, and so does an observation
 * renewed because its Max-Age passed. Californium's client resumes the session, and the service answers with a full
 * handshake when it no longer knows it.
 */
final class DtlsRecovery {

  /** Transmissions of a request left unanswered before the next goes over a new handshake. */
  static final int UNANSWERED_TRANSMISSIONS = 2;

  private DtlsRecovery() {}

  /** Sends {@code request}'s next retransmission over a new handshake once it is unanswered that many times. */
  static void handshakeWhenUnanswered(Request request) {
    request.addMessageObserver(new MessageObserverAdapter() {
      private final AtomicInteger retransmissions = new AtomicInteger();

      @Override
      public void onRetransmission() {
        if (retransmissions.incrementAndGet() == UNANSWERED_TRANSMISSIONS) {
          // without the old session's context, or the new session would refuse to carry it
          EndpointContext old = request.getEffectiveDestinationContext();
          request.setEffectiveDestinationContext(new MapBasedEndpointContext(old.getPeerAddress(), old.getVirtualHost(), null,
              DtlsEndpointContext.ATTRIBUTE_HANDSHAKE_MODE_FORCE));
        }
      }
    });
  }

  /** The next new request of {@code endpoint} goes over a new handshake; nothing for plain CoAP. */
  static void newHandshake(Endpoint endpoint) {
    if (endpoint instanceof CoapEndpoint own && own.getConnector() instanceof DTLSConnector dtls) {
      dtls.forceResumeAllSessions();
    }
  }
}
