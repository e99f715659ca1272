package io.fleetjobs.app.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetjobs.app.support.DevCerts;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerIdentityTest {

  @TempDir
  Path dir;

  @BeforeEach
  void certificates() {
    DevCerts.write(dir, "d1");
  }

  @Test
  void aPemChainAndItsPkcs8KeyMakeTheServerIdentity() {
    ServerIdentity identity = ServerIdentity.fromPem(dir.resolve("server.pem"), dir.resolve("server.key"));

    assertThat(identity.chain()).hasSize(2);
    assertThat(identity.certificate().getSubjectX500Principal().getName()).contains("CN=127.0.0.1");
  }

  @Test
  void theOlderRsaPrivateKeyFormIsReadToo() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    X500Name name = new X500Name("CN=rsa.example");
    X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
        BigInteger.ONE, new Date(), new Date(System.currentTimeMillis() + 86_400_000L), name, pair.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    // BouncyCastle writes a bare RSA key in OpenSSL's traditional PKCS#1 form, as `openssl genrsa` 1.x did
    StringWriter traditional = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(traditional)) {
      writer.writeObject(pair.getPrivate());
    }
    assertThat(traditional.toString()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    Path key = Files.writeString(dir.resolve("rsa.key"), traditional.toString());
    Path pem = Files.writeString(dir.resolve("rsa.pem"), Pem.encode(List.of(certificate)));

    assertThat(ServerIdentity.fromPem(pem, key).certificate()).isEqualTo(certificate);
  }

  @Test
  void aKeyThatDoesNotBelongToTheCertificateIsRefusedNamingBothFiles() {
    assertThatThrownBy(() -> ServerIdentity.fromPem(dir.resolve("server.pem"), dir.resolve("devices/d1.key")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("devices/d1.key is not the private key of the first certificate in")
        .hasMessageContaining("server.pem");
  }

  @Test
  void aPkcs12KeystoreMakesTheSameIdentityWithItsPassword() throws Exception {
    String password = Files.readString(dir.resolve("server.p12.password"));

    ServerIdentity identity = ServerIdentity.fromPkcs12(dir.resolve("server.p12"), password);

    assertThat(identity.chain()).isEqualTo(Pem.certificates(dir.resolve("server.pem")));
  }

  @Test
  void aWrongKeystorePasswordIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> ServerIdentity.fromPkcs12(dir.resolve("server.p12"), "wrong"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("server.p12")
        .hasMessageContaining("fleet.tls.key-store-password");
  }

  @Test
  void filesWithoutWhatTheyShouldHoldAreRefusedNamingThem() {
    assertThatThrownBy(() -> Pem.certificates(dir.resolve("server.key")))
        .hasMessageContaining("server.key holds no PEM certificate");
    assertThatThrownBy(() -> Pem.privateKey(dir.resolve("server.pem")))
        .hasMessageContaining("server.pem holds no unencrypted private key");
    assertThatThrownBy(() -> Pem.certificates(dir.resolve("nothing.pem")))
        .hasMessageContaining("no file").hasMessageContaining("nothing.pem");
  }
}
