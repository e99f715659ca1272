package io.fleetjobs.app.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The server's private key and certificate chain (its own certificate first), read from PEM files or a PKCS#12
 * keystore and checked to belong together, so a mismatch is reported at start-up rather than as failed handshakes.
 */
record ServerIdentity(PrivateKey key, List<X509Certificate> chain) {

  ServerIdentity {
    chain = List.copyOf(chain);
  }

  /** The server's own certificate. */
  X509Certificate certificate() {
    return chain.get(0);
  }

  static ServerIdentity fromPem(Path certificateFile, Path keyFile) {
    ServerIdentity identity = new ServerIdentity(Pem.privateKey(keyFile), Pem.certificates(certificateFile));
    identity.checkKeyMatches(keyFile + " is not the private key of the first certificate in " + certificateFile);
    return identity;
  }

  /** The first key entry of the keystore; its key password is the keystore's. */
  static ServerIdentity fromPkcs12(Path keyStoreFile, String password) {
    if (!Files.isRegularFile(keyStoreFile)) {
      throw new IllegalArgumentException("no file " + keyStoreFile.toAbsolutePath());
    }
    char[] secret = password == null ? new char[0] : password.toCharArray();
    try (InputStream in = Files.newInputStream(keyStoreFile)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, secret);
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          Certificate[] chain = store.getCertificateChain(alias);
          List<X509Certificate> certificates = Arrays.stream(chain).map(X509Certificate.class::cast).toList();
          ServerIdentity identity = new ServerIdentity((PrivateKey) store.getKey(alias, secret), certificates);
          identity.checkKeyMatches("the key entry '" + alias + "' of " + keyStoreFile + " does not match its certificate");
          return identity;
        }
      }
      throw new IllegalArgumentException(keyStoreFile + " holds no private key entry");
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot open the PKCS#12 keystore " + keyStoreFile
          + " (wrong fleet.tls.key-store-password?): " + e.getMessage(), e);
    }
  }

  /** A PKCS#12 keystore holding this identity under {@code alias}, protected by {@code password}. */
  KeyStore toKeyStore(String alias, char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(alias, key, password, chain.toArray(new X509Certificate[0]));
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a PKCS#12 keystore: " + e.getMessage(), e);
    }
  }

  /** Signs a random challenge with the key and verifies it with the certificate's public key. */
  private void checkKeyMatches(String message) {
    byte[] challenge = new byte[32];
    new SecureRandom().nextBytes(challenge);
    String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA"
        : "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : key.getAlgorithm();
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate().getPublicKey());
      verifier.update(challenge);
      if (!verifier.verify(signature)) {
        throw new IllegalArgumentException(message);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(message + " (" + e.getMessage() + ")", e);
    }
  }
}
