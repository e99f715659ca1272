package io.fleetjobs.app.coap;

import io.fleetjobs.app.identity.DeviceAccess;
import io.fleetjobs.contract.Checks;
import io.fleetjobs.contract.CoapPaths;
import java.util.List;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.ServerMessageDeliverer;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;

/**
 * What every request to {@code /fleet/v1/devices/{deviceId}/...} passes before it reaches the device's resources, in
 * this order:
 *
 * <ol>
 *   <li>over DTLS the path's device id must be the peer's PSK identity, else 4.03 Forbidden;
 *   <li>the device's request rate ({@link CoapLimits}), else 4.29 Too Many Requests with a Max-Age (RFC 8516), or 5.03
 *       with a Max-Age when as many devices as {@link CoapLimits#maxDevices()} are being rate-counted;
 *   <li>over plain CoAP the device must be one {@link DeviceAccess} lets in without a credential (open registration,
 *       no credential), else 4.01 Unauthorized;
 *   <li>the body must fit {@code fleet.coap.max-resource-body-size}, else 4.13 Request Entity Too Large with the limit
 *       in Size1 (RFC 7959; Californium's block-wise layer answers the same for a Block1 transfer that grows too big);
 *   <li>the server must have room for the device's state ({@link CoapLimits#maxDevices()}), else 5.03 with a Max-Age.
 * </ol>
 *
 * Each refusal is counted and logged at most once per interval per device ({@link CoapRefusals}). Other paths go to
 * Californium's own handling (4.04).
 */
final class DeviceGate extends ServerMessageDeliverer {

  private static final String PLAIN_REFUSED = "plain CoAP serves only devices without a credential under open registration;"
      + " use coaps:// with your device id as PSK identity and your credential as key";

  /** How long a device told 5.03 should wait: room is made at most once a second, devices go quiet within seconds. */
  private static final long BUSY_MAX_AGE_SECONDS = 5;

  private final DevicesResource devices;
  private final DeviceAccess access;
  private final RequestRate rate;
  private final CoapRefusals refusals;
  private final CoapLimits limits;
  private final int maxBody;

  DeviceGate(Resource root, Configuration config, DevicesResource devices, DeviceAccess access, RequestRate rate, CoapRefusals refusals,
      CoapLimits limits, int maxBody) {
    super(root, config);
    this.devices = devices;
    this.access = access;
    this.rate = rate;
    this.refusals = refusals;
    this.limits = limits;
    this.maxBody = maxBody;
  }

  @Override
  protected boolean preDeliverRequest(Exchange exchange) {
    Request request = exchange.getRequest();
    String deviceId = deviceIdOf(request.getOptions().getUriPath());
    if (deviceId == null) {
      return false;
    }
    String identity = PeerIdentity.of(request.getSourceContext().getPeerIdentity());
    if (identity != null && !identity.equals(deviceId)) {
      refusals.refused(CoapRefusals.Reason.IDENTITY, identity, "Refused a CoAP request of '{}' to the resources of device '{}' (4.03)", identity, deviceId);
      return answer(exchange, ResponseCode.FORBIDDEN, "this identity may not act for device " + deviceId);
    }
    long waitMillis = rate.acquire(deviceId);
    if (waitMillis == RequestRate.NO_ROOM) {
      return busy(exchange, deviceId);
    }
    if (waitMillis > 0) {
      refusals.refused(CoapRefusals.Reason.RATE, deviceId, "CoAP device '{}' sends more than {} requests a second (burst {}): answered 4.29",
          deviceId, limits.requestsPerSecond(), limits.burst());
      Response response = response(request, ResponseCode.TOO_MANY_REQUESTS, null);
      response.getOptions().setMaxAge(Math.max(1, (waitMillis + 999) / 1000));
      exchange.sendResponse(response);
      return true;
    }
    if (identity == null && access.decide(new DeviceAccess.Attempt(deviceId, null, null, null)) instanceof DeviceAccess.Refused refused) {
      refusals.refused(CoapRefusals.Reason.PLAIN, deviceId, "Refused plain CoAP from device '{}' (4.01): {}", deviceId, refused.reason());
      return answer(exchange, ResponseCode.UNAUTHORIZED, PLAIN_REFUSED);
    }
    if (request.getPayloadSize() > maxBody) {
      refusals.refused(CoapRefusals.Reason.SIZE, deviceId, "Refused a {}-byte CoAP request of device '{}' (4.13): the limit is {} bytes",
          request.getPayloadSize(), deviceId, maxBody);
      Response response = response(request, ResponseCode.REQUEST_ENTITY_TOO_LARGE, "the largest body is " + maxBody + " bytes");
      response.getOptions().setSize1(maxBody);
      exchange.sendResponse(response);
      return true;
    }
    if (devices.node(deviceId) == null) {
      return busy(exchange, deviceId);
    }
    return false;
  }

  /** 5.03 with a Max-Age: the server keeps state for as many devices as it may, all of them busy. */
  private boolean busy(Exchange exchange, String deviceId) {
    refusals.refused(CoapRefusals.Reason.CAPACITY, "devices", "Refused CoAP device '{}' (5.03): state is kept for {} active devices at most",
        deviceId, limits.maxDevices());
    Response response = response(exchange.getRequest(), ResponseCode.SERVICE_UNAVAILABLE, "too many devices are active; try again later");
    response.getOptions().setMaxAge(BUSY_MAX_AGE_SECONDS);
    exchange.sendResponse(response);
    return true;
  }

  /** The device id of a path under {@code /fleet/v1/devices/}, or null for any other path (or a malformed id). */
  static String deviceIdOf(List<String> path) {
    List<String> root = CoapPaths.ROOT;
    if (path.size() <= root.size() || !path.subList(0, root.size()).equals(root)) {
      return null;
    }
    String id = path.get(root.size());
    return Checks.ID.matcher(id).matches() ? id : null;
  }

  private static boolean answer(Exchange exchange, ResponseCode code, String diagnostic) {
    exchange.sendResponse(response(exchange.getRequest(), code, diagnostic));
    return true;
  }

  private static Response response(Request request, ResponseCode code, String diagnostic) {
    Response response = Response.createResponse(request, code);
    if (diagnostic != null) {
      response.setPayload(diagnostic); // a diagnostic payload, RFC 7252 §5.5.2: text, no content format
    }
    return response;
  }
}
