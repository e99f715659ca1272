package io.fleetjobs.app.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.app.support.DevCerts;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.naming.ldap.LdapName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCertsTest {

  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  @TempDir
  Path dir;

  private X509Certificate ca() {
    return Pem.certificates(dir.resolve("ca.pem")).get(0);
  }

  /** Validates the certificate with the development CA as the only trust anchor (throws if it does not). */
  private void assertIssuedByTheCa(X509Certificate certificate) throws Exception {
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca(), null)));
    parameters.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
  }

  private static String commonName(X509Certificate certificate) throws Exception {
    return new LdapName(certificate.getSubjectX500Principal().getName()).getRdns().stream()
        .filter(rdn -> rdn.getType().equalsIgnoreCase("CN")).map(rdn -> rdn.getValue().toString()).findFirst().orElseThrow();
  }

  private static Map<Integer, Set<String>> altNames(X509Certificate certificate) throws Exception {
    return certificate.getSubjectAlternativeNames().stream()
        .collect(Collectors.groupingBy(e -> (Integer) e.get(0), Collectors.mapping(e -> (String) e.get(1), Collectors.toSet())));
  }

  private String permissions(String file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file)));
  }

  @Test
  void theServerCertificateChainValidatesAgainstTheDevelopmentCa() throws Exception {
    DevCerts.write(dir);

    List<X509Certificate> chain = Pem.certificates(dir.resolve("server.pem"));
    assertThat(chain).hasSize(2);
    assertThat(chain.get(1)).isEqualTo(ca());
    assertIssuedByTheCa(chain.get(0));
    assertThat(chain.get(0).getExtendedKeyUsage()).contains(SERVER_AUTH);
    assertThat(chain.get(0).getBasicConstraints()).isEqualTo(-1);
    assertThat(ca().getBasicConstraints()).isEqualTo(0);
  }

  @Test
  void theServerCertificateNamesEveryRequestedHostAsASubjectAlternativeName() throws Exception {
    assertThat(DevCerts.run("--out", dir.toString(), "--host", "127.0.0.1,localhost", "--host", "fleet.example").exitCode()).isZero();

    Map<Integer, Set<String>> names = altNames(Pem.certificates(dir.resolve("server.pem")).get(0));
    assertThat(names.get(7)).containsExactly("127.0.0.1"); // iPAddress
    assertThat(names.get(2)).containsExactlyInAnyOrder("localhost", "fleet.example"); // dNSName
  }

  @Test
  void withoutHostsTheServerCertificateIsFor127001AndLocalhost() throws Exception {
    DevCerts.write(dir);

    Map<Integer, Set<String>> names = altNames(Pem.certificates(dir.resolve("server.pem")).get(0));
    assertThat(names.get(7)).containsExactly("127.0.0.1");
    assertThat(names.get(2)).containsExactly("localhost");
  }

  @Test
  void eachDeviceGetsAClientCertificateWhoseCommonNameIsItsId() throws Exception {
    DevCerts.write(dir, "fridge-0001", "gw-7");

    for (String device : List.of("fridge-0001", "gw-7")) {
      X509Certificate certificate = Pem.certificates(dir.resolve("devices/" + device + ".pem")).get(0);
      assertThat(commonName(certificate)).isEqualTo(device);
      assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
      assertIssuedByTheCa(certificate);
      assertThat(ServerIdentity.fromPem(dir.resolve("devices/" + device + ".pem"), dir.resolve("devices/" + device + ".key"))
          .certificate()).isEqualTo(certificate);
    }
  }

  @Test
  void privateKeysAndPasswordsAreReadableByTheOwnerOnly() throws Exception {
    DevCerts.write(dir, "d1");

    for (String secret : List.of("ca.key", "server.key", "server.p12", "server.p12.password", "devices/d1.key", "devices/d1.p12",
        "devices/d1.p12.password")) {
      assertThat(permissions(secret)).as(secret).isEqualTo("rw-------");
    }
    assertThat(permissions("ca.pem")).isEqualTo("rw-r--r--");
  }

  @Test
  void thePkcs12FilesOpenWithTheirStoredPasswordAndHoldTheKeyAndChain() throws Exception {
    DevCerts.write(dir, "d1");

    for (String name : List.of("server", "devices/d1")) {
      String password = Files.readString(dir.resolve(name + ".p12.password"));
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
        store.load(in, password.toCharArray());
      }
      ServerIdentity identity = ServerIdentity.fromPkcs12(dir.resolve(name + ".p12"), password);
      assertThat(identity.chain()).isEqualTo(Pem.certificates(dir.resolve(name + ".pem")));
    }
  }

  @Test
  void aSecondRunKeepsTheCaAndTheServerCertificateAndAddsOnlyTheNewDevice() throws Exception {
    DevCerts.write(dir, "d1");
    byte[] ca = Files.readAllBytes(dir.resolve("ca.pem"));
    byte[] server = Files.readAllBytes(dir.resolve("server.pem"));
    byte[] d1 = Files.readAllBytes(dir.resolve("devices/d1.pem"));

    DevCerts.Run second = DevCerts.run("--out", dir.toString(), "--device", "d1,d2");

    assertThat(second.exitCode()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).isEqualTo(ca);
    assertThat(Files.readAllBytes(dir.resolve("server.pem"))).isEqualTo(server);
    assertThat(Files.readAllBytes(dir.resolve("devices/d1.pem"))).isEqualTo(d1);
    assertIssuedByTheCa(Pem.certificates(dir.resolve("devices/d2.pem")).get(0));
    assertThat(second.out()).contains("kept     ca.pem").contains("created  devices/d2");
  }

  @Test
  void forceCreatesANewCaAndIssuesEverythingAgain() throws Exception {
    DevCerts.write(dir, "d1");
    byte[] ca = Files.readAllBytes(dir.resolve("ca.pem"));

    assertThat(DevCerts.run("--out", dir.toString(), "--device", "d1", "--force").exitCode()).isZero();

    assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).isNotEqualTo(ca);
    assertIssuedByTheCa(Pem.certificates(dir.resolve("server.pem")).get(0));
    assertIssuedByTheCa(Pem.certificates(dir.resolve("devices/d1.pem")).get(0));
  }

  @Test
  void aKeptServerCertificateForOtherHostsIsPointedOut() {
    DevCerts.write(dir);

    DevCerts.Run again = DevCerts.run("--out", dir.toString(), "--host", "fleet.example");

    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("note: server.pem was kept and names [127.0.0.1, localhost]");
  }

  @Test
  void aCaCertificateWithoutItsKeyIsNeverReplacedSilently() throws Exception {
    DevCerts.write(dir);
    Files.delete(dir.resolve("ca.key"));

    DevCerts.Run run = DevCerts.run("--out", dir.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("only one of").contains("--force");
  }

  @Test
  void itPrintsTheConfigurationToUseAndWritesItToAPropertiesFile() {
    DevCerts.Run run = DevCerts.run("--out", dir.toString());

    Map<String, String> properties = DevCerts.properties(dir);
    assertThat(properties)
        .containsEntry("fleet.tls.certificate-file", dir.resolve("server.pem").toString())
        .containsEntry("fleet.tls.key-file", dir.resolve("server.key").toString())
        .containsEntry("fleet.tls.client-ca-file", dir.resolve("ca.pem").toString())
        .containsEntry("micronaut.server.ssl.enabled", "true")
        .containsEntry("micronaut.server.ssl.key-store.certificate-path", "file:" + dir.resolve("server.pem"))
        .containsEntry("micronaut.server.ssl.key-store.key-path", "file:" + dir.resolve("server.key"));
    properties.forEach((key, value) -> assertThat(run.out()).contains(key + "=" + value));
    assertThat(run.out()).contains("created  ca.pem, ca.key");
  }

  @Test
  void unknownArgumentsAndBadDeviceIdsAreRefusedWithTheUsage() {
    DevCerts.Run unknown = DevCerts.run("--out", dir.toString(), "--hosts", "x");
    DevCerts.Run badId = DevCerts.run("--out", dir.toString(), "--device", "a/b");
    DevCerts.Run missing = DevCerts.run("--out");

    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown argument '--hosts'").contains("Usage:");
    assertThat(badId.exitCode()).isEqualTo(2);
    assertThat(badId.err()).contains("'a/b' is not a device id");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--out needs a value");
    assertThat(dir).isEmptyDirectory();
  }
}
