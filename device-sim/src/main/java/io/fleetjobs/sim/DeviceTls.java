package io.fleetjobs.sim;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for the devices' MQTT connections, from PEM files and the JDK alone: the CAs that verify the broker (or the
 * JVM's trusted CAs) and, optionally, a client certificate per device from a folder holding {@code <deviceId>.pem}
 * (its certificate, chain after it) and {@code <deviceId>.key} (unencrypted PKCS#8), as {@code dev-certs} writes them.
 * The broker's host name is verified against its certificate, as any device should.
 */
final class DeviceTls {

  private static final Pattern PKCS8 = Pattern.compile("-----BEGIN PRIVATE KEY-----(.*?)-----END PRIVATE KEY-----", Pattern.DOTALL);
  /** The in-memory keystore's password; the key never leaves this JVM. */
  private static final char[] IN_MEMORY = "device-sim".toCharArray();

  private final TrustManagerFactory trust;
  private final Path clientCertDir;

  private DeviceTls(TrustManagerFactory trust, Path clientCertDir) {
    this.trust = trust;
    this.clientCertDir = clientCertDir;
  }

  /**
   * @param caFile PEM CA certificates to trust, or null for the JVM's trusted CAs
   * @param clientCertDir the folder of client certificates, or null to present none
   */
  static DeviceTls of(Path caFile, Path clientCertDir) {
    if (clientCertDir != null && !Files.isDirectory(clientCertDir)) {
      throw new IllegalArgumentException("no client certificate folder " + clientCertDir.toAbsolutePath());
    }
    return new DeviceTls(caFile == null ? null : trusting(certificates(caFile)), clientCertDir);
  }

  /** The TLS settings of one device's (or gateway's) connection. */
  MqttClientSslConfig forClient(String clientId) {
    var builder = MqttClientSslConfig.builder().trustManagerFactory(trust);
    if (clientCertDir != null) {
      builder.keyManagerFactory(keyManager(clientCertDir.resolve(clientId + ".pem"), clientCertDir.resolve(clientId + ".key")));
    }
    return builder.build();
  }

  static List<X509Certificate> certificates(Path file) {
    requireFile(file);
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> certificates = new ArrayList<>();
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        certificates.add((X509Certificate) certificate);
      }
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException(file + " holds no PEM certificate");
      }
      return certificates;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(file + " holds no readable PEM certificate: " + e.getMessage(), e);
    }
  }

  private static KeyManagerFactory keyManager(Path certificateFile, Path keyFile) {
    List<X509Certificate> chain = certificates(certificateFile);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("device", privateKey(keyFile, chain.get(0).getPublicKey().getAlgorithm()), IN_MEMORY,
          chain.toArray(new X509Certificate[0]));
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, IN_MEMORY);
      return factory;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use " + keyFile + " with " + certificateFile + ": " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path file, String algorithm) throws IOException, GeneralSecurityException {
    requireFile(file);
    Matcher pem = PKCS8.matcher(Files.readString(file, StandardCharsets.US_ASCII));
    if (!pem.find()) {
      throw new IllegalArgumentException(file + " holds no unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----); convert it with"
          + " openssl pkcs8 -topk8 -nocrypt -in " + file + " -out <new file>");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.group(1));
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  private static TrustManagerFactory trusting(List<X509Certificate> cas) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        store.setCertificateEntry("ca-" + i, cas.get(i));
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a trust store: " + e.getMessage(), e);
    }
  }

  private static void requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no file " + file.toAbsolutePath());
    }
  }
}
