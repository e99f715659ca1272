package io.fleetjobs.app.mqtt;

import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** The device id a client certificate names: its subject's common name (CN). */
final class ClientCertificates {

  private ClientCertificates() {}

  /** The CN of {@code certificate}, or null when there is none (or no certificate). */
  static String commonName(X509Certificate certificate) {
    if (certificate == null) {
      return null;
    }
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
      return null;
    } catch (InvalidNameException e) {
      return null;
    }
  }
}
