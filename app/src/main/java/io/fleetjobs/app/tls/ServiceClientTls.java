package io.fleetjobs.app.tls;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the service's own MQTT client reaches its broker: over TLS when {@code fleet.mqtt.url} says {@code ssl://} or
 * {@code mqtts://}, or when the embedded broker has no plain listener ({@code fleet.tls.plain-mqtt=false}), then on
 * {@code fleet.tls.mqtt-port}. It trusts {@code fleet.tls.trust-file} when set (host name verified); otherwise its own
 * embedded broker's certificate exactly (pinned: the host name is not checked, the broker may bind any address), or
 * for an external broker the JVM's trusted CAs (host name verified).
 */
public final class ServiceClientTls {

  /** The port to connect to and, for TLS, the client's TLS settings (null: plain MQTT). */
  public record Connection(int port, @Nullable MqttClientSslConfig ssl) {}

  private ServiceClientTls() {}

  /**
   * @param embedded the service runs the embedded broker
   * @param urlTls {@code fleet.mqtt.url} names an {@code ssl://} or {@code mqtts://} broker
   * @param configuredPort the port {@code fleet.mqtt.*} gives (url or port)
   */
  public static Connection connection(TlsConfig tls, boolean embedded, boolean urlTls, int configuredPort) {
    if (urlTls) {
      return new Connection(configuredPort, ssl(tls, embedded));
    }
    if (embedded && !tls.plainMqtt()) {
      return new Connection(tls.mqttPort(), ssl(tls, true));
    }
    return new Connection(configuredPort, null);
  }

  private static MqttClientSslConfig ssl(TlsConfig tls, boolean embedded) {
    if (tls.trustFile() != null) {
      return MqttClientSslConfig.builder().trustManagerFactory(trusting(Pem.certificates(tls.trustFile()))).build();
    }
    if (embedded && tls.serverTls()) {
      return MqttClientSslConfig.builder()
          .trustManagerFactory(trusting(List.of(tls.serverIdentity().certificate())))
          .hostnameVerifier((host, session) -> true) // the pinned certificate is what authenticates the broker
          .build();
    }
    return MqttClientSslConfig.builder().build(); // the JVM's trusted CAs, host name verified
  }

  static TrustManagerFactory trusting(List<X509Certificate> certificates) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < certificates.size(); i++) {
        store.setCertificateEntry("trusted-" + i, certificates.get(i));
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a trust store: " + e.getMessage(), e);
    }
  }
}
