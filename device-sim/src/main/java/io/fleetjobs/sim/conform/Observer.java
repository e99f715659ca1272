package io.fleetjobs.sim.conform;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.subscribe.SubscribeInboundInterceptor;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The conformance broker's extension: it records, per client id, each CONNECT (in the connect interceptor, so before
 * the CONNACK and before anything the connection does), each subscribed filter and each PUBLISH, and can drop a client
 * so that its last will fires. HiveMQ runs a client's interceptors one after the other, so each log is in order.
 */
final class Observer implements ExtensionMain {

  private final AtomicLong seq = new AtomicLong();
  private final Map<String, Timeline<Observed>> logs = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();
  // kept from start-up: Services is one static holder per JVM, and tests may run a second broker beside this one
  private volatile ClientService clients;

  @Override
  public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
    clients = Services.clientService();
    Services.interceptorRegistry().setConnectInboundInterceptorProvider(provider -> (connect, out) -> onConnect(connect.getConnectPacket()));
    SubscribeInboundInterceptor subscribes = (in, out) -> {
      String id = in.getClientInformation().getClientId();
      in.getSubscribePacket().getSubscriptions().forEach(s ->
          log(id).add(new Observed.Subscribe(seq.incrementAndGet(), connection(id), s.getTopicFilter(), s.getQos().getQosNumber())));
    };
    PublishInboundInterceptor publishes = (in, out) -> {
      String id = in.getClientInformation().getClientId();
      var p = in.getPublishPacket();
      log(id).add(new Observed.Publish(seq.incrementAndGet(), connection(id), p.getTopic(), p.getQos().getQosNumber(),
          p.getRetain(), p.getDupFlag(), p.getPayload().map(Observer::bytes).orElse(new byte[0])));
    };
    Services.initializerRegistry().setClientInitializer((init, client) -> {
      client.addSubscribeInboundInterceptor(subscribes);
      client.addPublishInboundInterceptor(publishes);
    });
  }

  @Override
  public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
    // nothing to release: the logs live as long as the conformance run
  }

  private void onConnect(ConnectPacket connect) {
    String id = connect.getClientId();
    int n = connections.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    Optional<Observed.Will> will = connect.getWillPublish().map(w -> new Observed.Will(
        w.getTopic(), w.getQos().getQosNumber(), w.getRetain(), w.getPayload().map(Observer::bytes).orElse(new byte[0])));
    log(id).add(new Observed.Connect(seq.incrementAndGet(), n, id, version(connect.getMqttVersion()), connect.getKeepAlive(),
        connect.getUserName(), will));
  }

  /** Everything client {@code clientId} did, as it happens. */
  Timeline<Observed> log(String clientId) {
    return logs.computeIfAbsent(clientId, k -> new Timeline<>());
  }

  /** A sequence number between what was observed before and what will be observed after. */
  long mark() {
    return seq.incrementAndGet();
  }

  /** Closes the client's connection as a network failure would: its last will is published. */
  CompletableFuture<Boolean> drop(String clientId) {
    return clients.disconnectClient(clientId, false);
  }

  private int connection(String clientId) {
    AtomicInteger n = connections.get(clientId);
    return n == null ? 0 : n.get();
  }

  private static String version(MqttVersion version) {
    return switch (version) {
      case V_3_1 -> "3.1";
      case V_3_1_1 -> "3.1.1";
      case V_5 -> "5";
    };
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.asReadOnlyBuffer();
    copy.rewind();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
