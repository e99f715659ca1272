package io.fleetjobs.app.faults.hostile;

import io.fleetjobs.app.support.DtlsDevice;
import io.fleetjobs.contract.CoapPaths;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.ErrorCode;
import io.fleetjobs.contract.arbitrary.Expected;
import io.fleetjobs.contract.message.ContractError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;

/**
 * A registered CoAP device with its own key over DTLS that posts what it likes, and checks each answer against the
 * contract (CONTRACT.md §12): 2.01/2.04 when accepted, 4.04 with a ContractError for an unknown execution or device,
 * 4.00 with a ContractError for the rest, 4.13 for a body over the limit.
 */
final class CoapHostile implements AutoCloseable {

  private static final Map<io.fleetjobs.contract.Channel, CoapPaths.Resource> RESOURCES = Map.of(
      io.fleetjobs.contract.Channel.PRESENCE, CoapPaths.Resource.PRESENCE,
      io.fleetjobs.contract.Channel.EXECUTION_UPDATE, CoapPaths.Resource.EXECUTION_UPDATE,
      io.fleetjobs.contract.Channel.PROPERTIES, CoapPaths.Resource.PROPERTIES);

  final String id;
  private final DtlsDevice device;

  CoapHostile(String id, DtlsDevice device) {
    this.id = id;
    this.device = device;
  }

  /** Sends each in turn; returns what was not answered as the contract says, one line each. */
  List<String> sendAll(List<Shot> shots) {
    List<String> mismatches = new ArrayList<>();
    for (Shot shot : shots) {
      CoapResponse response = device.post(CoapPaths.path(id, RESOURCES.get(shot.channel())), shot.payload());
      String wrong = check(shot, response);
      if (wrong != null) {
        mismatches.add(id + ": " + wrong + " to " + shot);
      }
    }
    return mismatches;
  }

  private static String check(Shot shot, CoapResponse response) {
    if (response == null) {
      return "no answer";
    }
    ResponseCode code = response.getCode();
    if (shot.oversized()) {
      return code == ResponseCode.REQUEST_ENTITY_TOO_LARGE ? null : code + "";
    }
    Expected expected = shot.expected();
    if (expected.accepted()) {
      Set<ResponseCode> ok = shot.channel() == io.fleetjobs.contract.Channel.PRESENCE
          ? Set.of(ResponseCode.CREATED, ResponseCode.CHANGED) : Set.of(ResponseCode.CHANGED);
      return ok.contains(code) ? null : code + " " + response.getResponseText();
    }
    ResponseCode wanted = expected.code() == ErrorCode.UNKNOWN_EXECUTION || expected.code() == ErrorCode.UNKNOWN_DEVICE
        ? ResponseCode.NOT_FOUND : ResponseCode.BAD_REQUEST;
    if (code != wanted) {
      return code + " " + response.getResponseText();
    }
    ContractError error = ContractJson.decode(response.getPayload(), ContractError.class);
    Expected answered = Expected.refused(error.code(), error.field());
    return answered.equals(expected) ? null : code + " " + answered;
  }

  @Override
  public void close() {
    device.close();
  }
}
