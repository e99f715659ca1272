package io.fleetjobs.app.coap;

import io.fleetjobs.app.identity.DeviceAccess;
import io.fleetjobs.contract.Checks;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.crypto.SecretKey;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.PskSecretResult;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;
import org.eclipse.californium.scandium.util.SecretUtil;
import org.eclipse.californium.scandium.util.ServerNames;

/**
 * The DTLS server's keys: the PSK identity is a device id and the key is that device's secret, as
 * {@link DeviceAccess#preSharedKey} decides. The lookup reads the database, so it runs on {@code lookups}, never on
 * Scandium's handshake threads: the answer goes back through Scandium's result handler. An identity that is no
 * device id is refused at once, without a lookup. With no key the handshake does not go on: the device gets no
 * answer, exactly as with a wrong key (which Scandium finds when the device's Finished does not decrypt), so a
 * stranger cannot tell which ids exist. Each refusal is counted and its reason logged here; {@link HandshakeFailures}
 * counts the other failed handshakes.
 */
final class DevicePskStore implements AdvancedPskStore {

  private final DeviceAccess access;
  private final Executor lookups;
  private final CoapRefusals refusals;
  private final HandshakeFailures failures;
  private volatile HandshakeResultHandler results;

  DevicePskStore(DeviceAccess access, Executor lookups, CoapRefusals refusals, HandshakeFailures failures) {
    this.access = access;
    this.lookups = lookups;
    this.refusals = refusals;
    this.failures = failures;
  }

  @Override
  public boolean hasEcdhePskSupported() {
    return true; // the key is the same; Scandium derives the master secret itself
  }

  @Override
  public PskSecretResult requestPskSecretResult(ConnectionId cid, ServerNames serverNames, PskPublicInformation identity,
      String hmacAlgorithm, SecretKey otherSecret, byte[] seed, boolean useExtendedMasterSecret) {
    String id = identity.isCompliantEncoding() ? identity.getPublicInfoAsString() : null;
    if (id == null || !Checks.ID.matcher(id).matches()) {
      refusals.refused(CoapRefusals.Reason.HANDSHAKE, "not-an-id", "Refused a DTLS handshake: its PSK identity is not a device id");
      failures.countedAlready(cid);
      return new PskSecretResult(cid, identity, null);
    }
    try {
      lookups.execute(() -> results.apply(lookUp(cid, identity, id)));
      return null; // answered through the result handler
    } catch (RejectedExecutionException e) {
      refusals.refused(CoapRefusals.Reason.CAPACITY, "psk-lookups", "Refused a DTLS handshake of '{}': too many key lookups under way", id);
      failures.countedAlready(cid);
      return new PskSecretResult(cid, identity, null);
    }
  }

  private PskSecretResult lookUp(ConnectionId cid, PskPublicInformation identity, String id) {
    try {
      DeviceAccess.Decision decision = access.preSharedKey(id);
      if (decision instanceof DeviceAccess.PreSharedKey key) {
        return new PskSecretResult(cid, identity, SecretUtil.create(key.key(), PskSecretResult.ALGORITHM_PSK));
      }
      refusals.refused(CoapRefusals.Reason.HANDSHAKE, id, "Refused the DTLS handshake of '{}': {}", id, ((DeviceAccess.Refused) decision).reason());
    } catch (RuntimeException e) {
      refusals.refused(CoapRefusals.Reason.HANDSHAKE, id, "Could not look up the DTLS key of '{}': {}", id, e.toString());
    }
    failures.countedAlready(cid);
    return new PskSecretResult(cid, identity, null);
  }

  @Override
  public PskPublicInformation getIdentity(InetSocketAddress peerAddress, ServerNames virtualHost) {
    return null; // a server only; it never starts a handshake
  }

  @Override
  public void setResultHandler(HandshakeResultHandler resultHandler) {
    this.results = resultHandler;
  }
}
