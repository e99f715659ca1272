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
 * the stamp against the device a topic names, as a second line behind the topic permissions.
 */
final class SenderStamp implements PublishInboundInterceptor, ConnectInboundInterceptor {

  /** The user property that carries the sender's client id. */
  static final String PROPERTY = "fleet-sender";

  @Override
  public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
    stamp(output.getPublishPacket().getUserProperties(), input.getClientInformation().getClientId());
  }

  @Override
  public void onConnect(ConnectInboundInput input, ConnectInboundOutput output) {
    String clientId = input.getClientInformation().getClientId();
    output.getConnectPacket().getModifiableWillPublish().ifPresent(will -> stamp(will.getUserProperties(), clientId));
  }

  private static void stamp(ModifiableUserProperties properties, String clientId) {
    properties.removeName(PROPERTY);
    properties.addUserProperty(PROPERTY, clientId);
  }
}
