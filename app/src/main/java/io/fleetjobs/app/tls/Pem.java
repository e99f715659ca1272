package io.fleetjobs.app.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * PEM files in and out. Reads certificates ({@code BEGIN CERTIFICATE}) and unencrypted private keys: PKCS#8
 * ({@code BEGIN PRIVATE KEY}, what dev-certs writes and {@code openssl genpkey} makes) as well as the older RSA and EC
 * forms ({@code BEGIN RSA PRIVATE KEY}, {@code BEGIN EC PRIVATE KEY}). Errors name the file.
 */
final class Pem {

  private Pem() {}

  /** Every certificate in the file, in file order (for a chain: the server's own first). */
  static List<X509Certificate> certificates(Path file) {
    List<X509Certificate> certificates = new ArrayList<>();
    for (Object item : items(file)) {
      if (item instanceof X509CertificateHolder holder) {
        certificates.add(convert(holder, file));
      }
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    return certificates;
  }

  /** The one private key in the file. */
  static PrivateKey privateKey(Path file) {
    List<Object> items = items(file);
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try {
      for (Object item : items) {
        if (item instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (item instanceof PEMKeyPair pair) {
          // the older RSA/EC forms; an EC key may come without its public half, so only the private part is read
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " holds a private key this service cannot read: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(file + " holds no unencrypted private key (-----BEGIN PRIVATE KEY-----)");
  }

  private static List<Object> items(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no file " + file.toAbsolutePath());
    }
    List<Object> items = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        items.add(item);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not a readable PEM file: " + e.getMessage(), e);
    }
    return items;
  }

  private static X509Certificate convert(X509CertificateHolder holder, Path file) {
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw new IllegalArgumentException(file + " holds a certificate that cannot be read: " + e.getMessage(), e);
    }
  }

  /** Certificates as PEM text, one block each. */
  static String encode(List<X509Certificate> certificates) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (X509Certificate certificate : certificates) {
        writer.writeObject(certificate);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  /** A private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
  static String encode(PrivateKey key) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(new JcaPKCS8Generator(key, null));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }
}
