package io.fleetjobs.app.support;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import io.micronaut.core.annotation.Nullable;
import io.netty.handler.ssl.util.KeyManagerFactoryWrapper;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Test clients of the TLS paths, from the files dev-certs writes. Every MQTT test client connects through
 * {@link #connectOptions()}: when the broker starts asking for credentials, they go there, once.
 */
public final class TlsClients {

  private TlsClients() {}

  /** The CONNECT every MQTT test client sends. */
  public static Mqtt5Connect connectOptions() {
    return Mqtt5Connect.builder().cleanStart(true).build();
  }

  /** An MQTT client connected to 127.0.0.1:{@code port}, over TLS when {@code ssl} is given. */
  public static Mqtt5BlockingClient connect(String clientId, int port, @Nullable MqttClientSslConfig ssl) {
    Mqtt5BlockingClient client = Mqtt5Client.builder().identifier(clientId).serverHost("127.0.0.1").serverPort(port).sslConfig(ssl)
        .buildBlocking();
    client.connect(connectOptions());
    return client;
  }

  /** TLS trusting the CAs in a PEM file, presenting no certificate. */
  public static MqttClientSslConfig trusting(Path caFile) throws Exception {
    return MqttClientSslConfig.builder().trustManagerFactory(trustManagers(caFile)).build();
  }

  /**
   * TLS trusting {@code caFile} and presenting the key and chain of a PKCS#12 file dev-certs wrote (password beside it)
   * whatever CAs the server asks for, as mosquitto or OpenSSL clients do (the JDK's own key manager would silently
   * send no certificate when its issuer is not among them).
   */
  public static MqttClientSslConfig presenting(Path caFile, Path pkcs12) throws Exception {
    return MqttClientSslConfig.builder().trustManagerFactory(trustManagers(caFile)).keyManagerFactory(keyManagers(pkcs12)).build();
  }

  /** A JDK HTTP client trusting the CAs in a PEM file. */
  public static HttpClient https(Path caFile) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trustManagers(caFile).getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(context).build();
  }

  /** GET over a JDK HTTP client: status and body. */
  public static HttpResponse<String> get(HttpClient client, String url) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  public static TrustManagerFactory trustManagers(Path caFile) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (InputStream in = Files.newInputStream(caFile)) {
      int i = 0;
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory;
  }

  private static KeyManagerFactory keyManagers(Path pkcs12) throws Exception {
    char[] password = Files.readString(Path.of(pkcs12 + ".password")).toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(pkcs12)) {
      store.load(in, password);
    }
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password);
    X509ExtendedKeyManager keys = (X509ExtendedKeyManager) factory.getKeyManagers()[0];
    String alias = store.aliases().nextElement();
    return new KeyManagerFactoryWrapper(new X509ExtendedKeyManager() {
      @Override
      public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return alias;
      }

      @Override
      public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return alias;
      }

      @Override
      public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[] {alias};
      }

      @Override
      public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
      }

      @Override
      public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
      }

      @Override
      public X509Certificate[] getCertificateChain(String name) {
        return keys.getCertificateChain(name);
      }

      @Override
      public PrivateKey getPrivateKey(String name) {
        return keys.getPrivateKey(name);
      }
    });
  }
}
