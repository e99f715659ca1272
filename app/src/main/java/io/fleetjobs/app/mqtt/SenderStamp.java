package io.fleetjobs.app.mqtt;

import com.hivemq.extension.sdk.api.interceptor.connect.ConnectInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundInput;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundOutput;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.ModifiableUserProperties;

/**
 * Stamps every message a client publishes on the embedded broker, and its last will, with the client id that sent it
 * (an MQTT 5 user property the client cannot forge: one it set itself under that name is removed). The service checks
 * the stamp against the device a topic names, as a second line behind the topic permissions. A connection that the
 * authenticator let in to enrol also gets its enrolment token's id stamped on what it publishes ({@link #ENROLMENT}),
 * which is how the service knows an enrolment request came over such a connection, and with which token; any such
 * property a client set itself is removed too.
 */
final class SenderStamp implements PublishInboundInterceptor, ConnectInboundInterceptor {

  /** The user property that carries the sender's client id. */
  static final String PROPERTY = "fleet-sender";

  /** The user property that carries the enrolment token id of an enrolling connection (absent on any other). */
  static final String ENROLMENT = "fleet-enrolment-token";

  /** Where the authenticator leaves an enrolling connection's token id, for the life of the connection. */
  static final String ENROLMENT_ATTRIBUTE = "fleet.enrolment-token";

  @Override
  public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
    ModifiableUserProperties properties = output.getPublishPacket().getUserProperties();
    stamp(properties, input.getClientInformation().getClientId());
    input.getConnectionInformation().getConnectionAttributeStore().getAsString(ENROLMENT_ATTRIBUTE)
        .ifPresent(tokenId -> properties.addUserProperty(ENROLMENT, tokenId));
  }

  @Override
  public void onConnect(ConnectInboundInput input, ConnectInboundOutput output) {
    String clientId = input.getClientInformation().getClientId();
    output.getConnectPacket().getModifiableWillPublish().ifPresent(will -> stamp(will.getUserProperties(), clientId));
  }

  private static void stamp(ModifiableUserProperties properties, String clientId) {
    properties.removeName(PROPERTY);
    properties.removeName(ENROLMENT);
    properties.addUserProperty(PROPERTY, clientId);
  }
}
