package io.fleetjobs.app.mqtt;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.fleetjobs.app.identity.DeviceAccess;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker's gatekeeper, loaded as a HiveMQ extension: every CONNECT is authenticated (the service's own
 * account, or a device by its secret or client certificate, or a device enrolling with an enrolment token, decided by
 * {@link DeviceAccess}), each client gets only its own topics (an enrolling one: its enrolment topics), and every
 * publish is stamped with its sender (and an enrolling connection's with its token). Without it HiveMQ CE lets anyone in. Decisions need
 * the database, so they run on their own threads, never on the broker's network threads.
 */
final class BrokerSecurity implements ExtensionMain, SimpleAuthenticator {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerSecurity.class);
  private static final Duration DECISION_TIMEOUT = Duration.ofSeconds(10);

  private final ServiceAccount service;
  private final DeviceAccess devices;
  private final ExecutorService executor;
  private final RefusalLog refusals;
  private final SenderStamp stamp = new SenderStamp();
  private final MessageRates rates;

  BrokerSecurity(ServiceAccount service, DeviceAccess devices, ExecutorService executor, RefusalLog refusals, MessageRates rates) {
    this.service = service;
    this.devices = devices;
    this.executor = executor;
    this.refusals = refusals;
    this.rates = rates;
  }

  @Override
  public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
    Services.securityRegistry().setAuthenticatorProvider(providerInput -> this);
    Services.interceptorRegistry().setConnectInboundInterceptorProvider(providerInput -> stamp);
    // the stamp behind the client's message rate: a message over it goes no further
    Services.initializerRegistry().setClientInitializer((initializerInput, client) ->
        client.addPublishInboundInterceptor(rates.guard(initializerInput, stamp)));
  }

  @Override
  public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
    // nothing to release: the broker stops with the service
  }

  @Override
  public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
    var connect = input.getConnectPacket();
    String clientId = connect.getClientId();
    String username = connect.getUserName().orElse(null);
    byte[] password = connect.getPassword().map(BrokerSecurity::bytes).orElse(null);
    if (service.username().equals(username)) {
      if (service.matches(username, password)) {
        MessageRates.exempt(input.getConnectionInformation());
        grant(output, TopicPermissions.service());
      } else {
        refuse(output, clientId, "wrong password for the service's account", ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD);
      }
      return;
    }
    // a certificate the TLS listener verified against fleet.tls.client-ca-file; none on plain MQTT
    if (service.clientId().equals(clientId)) {
      refuse(output, clientId, "the service's own client id, without the service's account", ConnackReasonCode.NOT_AUTHORIZED);
      return;
    }
    if (!rates.mayConnect(clientId)) {
      // disconnected for its message rate a moment ago: refused before any database work, until its allowance refilled
      output.failAuthentication(ConnackReasonCode.QUOTA_EXCEEDED, "message rate too high; connect again later");
      return;
    }
    String certificateCn = input.getConnectionInformation().getClientTlsInformation()
        .flatMap(tls -> tls.getClientCertificate()).map(ClientCertificates::commonName).orElse(null);
    DeviceAccess.Attempt attempt = new DeviceAccess.Attempt(clientId, username,
        password == null ? null : new String(password, StandardCharsets.UTF_8), certificateCn);
    Async<SimpleAuthOutput> async = output.async(DECISION_TIMEOUT, TimeoutFallback.FAILURE, ConnackReasonCode.SERVER_BUSY);
    executor.execute(() -> {
      try {
        DeviceAccess.Decision decision = devices.decide(attempt);
        if (decision instanceof DeviceAccess.Granted granted) {
          grant(output, TopicPermissions.device(granted.deviceId()));
        } else if (decision instanceof DeviceAccess.Enrolling enrolling) {
          // read back by the sender stamp on every publish of this connection, and gone with it
          input.getConnectionInformation().getConnectionAttributeStore().putAsString(SenderStamp.ENROLMENT_ATTRIBUTE, enrolling.tokenId());
          grant(output, TopicPermissions.enrolling(enrolling.deviceId()));
        } else if (decision instanceof DeviceAccess.Refused refused) {
          refuse(output, clientId, refused.reason(),
              refused.badCredentials() ? ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD : ConnackReasonCode.NOT_AUTHORIZED);
        }
      } catch (RuntimeException e) {
        LOG.error("Could not decide whether client '{}' may connect", clientId, e);
        output.failAuthentication(ConnackReasonCode.SERVER_UNAVAILABLE, "the service could not check the credentials");
      } finally {
        async.resume();
      }
    });
  }

  private static void grant(SimpleAuthOutput output, java.util.List<com.hivemq.extension.sdk.api.auth.parameter.TopicPermission> permissions) {
    output.getDefaultPermissions().addAll(permissions);
    output.getDefaultPermissions().setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
    output.authenticateSuccessfully();
  }

  private void refuse(SimpleAuthOutput output, String clientId, String reason, ConnackReasonCode code) {
    refusals.refused(clientId, reason);
    // the client learns only the reason code: a detail would tell a guesser which ids exist
    output.failAuthentication(code, code == ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD ? "bad credentials" : "not authorized");
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] b = new byte[buffer.remaining()];
    buffer.duplicate().get(b);
    return b;
  }
}
