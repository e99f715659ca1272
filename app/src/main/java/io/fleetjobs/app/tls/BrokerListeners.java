package io.fleetjobs.app.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The embedded HiveMQ CE broker's listeners: the plain TCP one unless {@code fleet.tls.plain-mqtt=false}, and a TLS
 * one when a server certificate is configured. HiveMQ reads keys only from keystore files, so the configured key and
 * chain (PEM or PKCS#12) are written as a fresh PKCS#12 into the broker's configuration folder on every start, with a
 * random password and owner-only permissions, and so are the client CAs as a truststore.
 */
public final class BrokerListeners {

  static final String KEYSTORE = "broker-tls.p12";
  static final String TRUSTSTORE = "broker-client-ca.p12";

  private BrokerListeners() {}

  /**
   * The content of the broker's {@code <listeners>} element; writes the keystores it names into {@code confDir}.
   *
   * @param host the bind address of every listener
   * @param plainPort the plain TCP listener's port
   */
  public static String xml(TlsConfig tls, String host, int plainPort, Path confDir) {
    StringBuilder xml = new StringBuilder();
    if (tls.plainMqtt()) {
      xml.append("""
              <tcp-listener>
                <port>%d</port>
                <bind-address>%s</bind-address>
              </tcp-listener>
          """.formatted(plainPort, escape(host)));
    }
    if (tls.serverTls()) {
      xml.append(tlsListener(tls, host, confDir));
    }
    return xml.toString();
  }

  /** Where the broker listens, for the log: {@code tcp 127.0.0.1:1883, tls 127.0.0.1:8883}. */
  public static String describe(TlsConfig tls, String host, int plainPort) {
    String plain = tls.plainMqtt() ? "tcp " + host + ":" + plainPort : "";
    String secure = tls.serverTls() ? "tls " + host + ":" + tls.mqttPort()
        + (tls.clientCaFile() != null ? " (client certificates optional)" : "") : "";
    return plain.isEmpty() ? secure : secure.isEmpty() ? plain : plain + ", " + secure;
  }

  private static String tlsListener(TlsConfig tls, String host, Path confDir) {
    String keyStorePassword = RandomPassword.next();
    store(tls.serverIdentity().toKeyStore("broker", keyStorePassword.toCharArray()), confDir.resolve(KEYSTORE), keyStorePassword);
    String trust = "";
    String clientAuth = "NONE";
    if (tls.clientCaFile() != null) {
      String trustPassword = RandomPassword.next();
      store(trustStore(Pem.certificates(tls.clientCaFile())), confDir.resolve(TRUSTSTORE), trustPassword);
      trust = """
                  <truststore>
                    <path>%s</path>
                    <password>%s</password>
                  </truststore>
          """.formatted(escape(confDir.resolve(TRUSTSTORE).toAbsolutePath().toString()), trustPassword);
      // OPTIONAL: a device may present a certificate (its identity) or not (then it authenticates otherwise)
      clientAuth = "OPTIONAL";
    }
    return """
            <tls-tcp-listener>
              <port>%d</port>
              <bind-address>%s</bind-address>
              <tls>
                <keystore>
                  <path>%s</path>
                  <password>%s</password>
                  <private-key-password>%s</private-key-password>
                </keystore>
        %s        <client-authentication-mode>%s</client-authentication-mode>
              </tls>
            </tls-tcp-listener>
        """.formatted(tls.mqttPort(), escape(host), escape(confDir.resolve(KEYSTORE).toAbsolutePath().toString()),
        keyStorePassword, keyStorePassword, trust, clientAuth);
  }

  private static KeyStore trustStore(List<X509Certificate> cas) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        store.setCertificateEntry("client-ca-" + i, cas.get(i));
      }
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the client CA truststore: " + e.getMessage(), e);
    }
  }

  private static void store(KeyStore store, Path file, String password) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, password.toCharArray());
      OwnerOnly.write(file, out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

}
