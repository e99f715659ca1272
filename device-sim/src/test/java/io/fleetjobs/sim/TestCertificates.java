package io.fleetjobs.sim;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway CA for device-sim's TLS tests (device-sim cannot use the service's dev-certs): a server certificate for
 * 127.0.0.1 and client certificates with CN = device id, written as PEM the way dev-certs writes them.
 */
final class TestCertificates {

  record Issued(KeyPair keys, X509Certificate certificate) {}

  private final Issued ca;

  TestCertificates(String name) throws Exception {
    KeyPair keys = keys();
    X500Name subject = new X500Name("CN=" + name);
    ca = new Issued(keys, sign(new JcaX509v3CertificateBuilder(subject, serial(), start(), end(), subject, keys.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(0)), keys));
  }

  Issued server() throws Exception {
    KeyPair keys = keys();
    return new Issued(keys, sign(leaf("127.0.0.1", keys)
        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1"))),
        ca.keys()));
  }

  Issued client(String deviceId) throws Exception {
    KeyPair keys = keys();
    return new Issued(keys, sign(leaf(deviceId, keys), ca.keys()));
  }

  /** {@code <dir>/ca.pem}. */
  Path writeCa(Path dir) {
    return write(dir.resolve("ca.pem"), ca.certificate());
  }

  /** {@code <dir>/<id>.pem} (certificate, then the CA) and {@code <dir>/<id>.key} (PKCS#8). */
  void writeClient(Path dir, String deviceId) throws Exception {
    Issued client = client(deviceId);
    write(dir.resolve(deviceId + ".pem"), client.certificate(), ca.certificate());
    write(dir.resolve(deviceId + ".key"), new JcaPKCS8Generator(client.keys().getPrivate(), null));
  }

  /** A TLS server context presenting {@link #server()} and verifying clients against this CA. */
  SSLContext serverContext() throws Exception {
    Issued server = server();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("server", server.keys().getPrivate(), "x".toCharArray(), new X509Certificate[] {server.certificate(), ca.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "x".toCharArray());
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca.certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }

  private X509v3CertificateBuilder leaf(String commonName, KeyPair keys) throws Exception {
    return new JcaX509v3CertificateBuilder(ca.certificate(), serial(), start(), end(), new X500Name("CN=" + commonName), keys.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) {
    try {
      return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path write(Path file, Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object object : objects) {
        if (object instanceof JcaPKCS8Generator generator) {
          writer.writeObject(generator);
        } else {
          writer.writeObject(object);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, out.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KeyPair keys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(System.nanoTime());
  }

  private static Date start() {
    return new Date(System.currentTimeMillis() - 60_000);
  }

  private static Date end() {
    return new Date(System.currentTimeMillis() + 86_400_000L);
  }
}
