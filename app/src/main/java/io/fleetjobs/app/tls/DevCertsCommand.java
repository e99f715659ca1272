package io.fleetjobs.app.tls;

import io.fleetjobs.app.tls.DevCertificates.Issued;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code java -jar fleet-jobs-app.jar dev-certs}: a development CA, a server certificate for the given hosts and a
 * client certificate per device (CN = device id), so the TLS path can be tried locally. Files that exist are kept
 * (only what is missing is written) as long as the CA is; {@code --force} starts over with a new CA. Private keys and
 * passwords are owner-only (600). Prints what it wrote and the configuration to use, which it also writes to
 * {@code fleet-tls.properties}.
 */
public final class DevCertsCommand {

  public static final String NAME = "dev-certs";
  static final String PROPERTIES = "fleet-tls.properties";

  private final DevCertsOptions options;
  private final PrintStream out;
  private final Path dir;
  private final Instant now = Instant.now();
  private final List<String> report = new ArrayList<>();

  private DevCertsCommand(DevCertsOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
    this.dir = options.out().toAbsolutePath().normalize();
  }

  /** Runs the command; the exit code is 0 when done, 1 when it could not finish, 2 for bad arguments. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.contains("--help") || args.contains("-h")) {
      out.println(DevCertsOptions.USAGE);
      return 0;
    }
    DevCertsOptions options;
    try {
      options = DevCertsOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("dev-certs: " + e.getMessage());
      err.println(DevCertsOptions.USAGE);
      return 2;
    }
    try {
      new DevCertsCommand(options, out).write();
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("dev-certs could not finish: " + e.getMessage());
      return 1;
    }
  }

  private void write() throws IOException {
    Files.createDirectories(dir);
    Path caPem = dir.resolve("ca.pem");
    Path caKey = dir.resolve("ca.key");
    boolean caKept = !options.force() && Files.exists(caPem) && Files.exists(caKey);
    Issued ca;
    if (caKept) {
      ca = new Issued(Pem.privateKey(caKey), Pem.certificates(caPem).get(0));
      line("kept", "ca.pem, ca.key", "the development CA");
    } else {
      if (!options.force() && (Files.exists(caPem) || Files.exists(caKey))) {
        throw new IllegalStateException("only one of " + caPem + " and " + caKey + " exists: restore the other, or pass --force"
            + " for a new CA (certificates of the old one stop verifying)");
      }
      ca = DevCertificates.newCa(now);
      Files.writeString(caPem, Pem.encode(List.of(ca.certificate())));
      OwnerOnly.write(caKey, Pem.encode(ca.key()).getBytes(StandardCharsets.US_ASCII));
      line("created", "ca.pem, ca.key", "the development CA: devices and clients trust ca.pem; ca.key signs, keep it here");
    }
    X509Certificate server = leaf(dir, "server", ca, caKept, () -> DevCertificates.server(ca, options.hosts(), now),
        "the service's certificate for " + String.join(", ", options.hosts()));
    Set<String> serverHosts = altNames(server);
    if (!serverHosts.equals(canonical(options.hosts()))) {
      report.add("  note: server.pem was kept and names " + serverHosts + "; delete the server.* files (or pass --force)"
          + " to issue one for " + options.hosts());
    }
    for (String device : options.devices()) {
      leaf(dir.resolve("devices"), device, ca, caKept, () -> DevCertificates.device(ca, device, now), "client certificate, CN=" + device);
    }
    String properties = properties();
    Files.writeString(dir.resolve(PROPERTIES), properties);
    out.println("Development TLS files in " + dir + " (private keys and passwords readable by their owner only):");
    report.forEach(out::println);
    out.println();
    out.println("Configuration, also written to " + dir.resolve(PROPERTIES) + ":");
    out.println();
    out.print(properties);
  }

  /** A certificate (with the CA after it), its key, the pair as PKCS#12 and that file's password; kept if all exist. */
  private X509Certificate leaf(Path folder, String name, Issued ca, boolean caKept, Supplier<Issued> issue, String what)
      throws IOException {
    Path pem = folder.resolve(name + ".pem");
    Path key = folder.resolve(name + ".key");
    Path p12 = folder.resolve(name + ".p12");
    Path password = folder.resolve(name + ".p12.password");
    String shown = dir.relativize(folder.resolve(name)) + ".{pem,key,p12,p12.password}";
    if (caKept && Files.exists(pem) && Files.exists(key) && Files.exists(p12) && Files.exists(password)) {
      X509Certificate existing = Pem.certificates(pem).get(0);
      if (signedBy(existing, ca.certificate())) {
        line("kept", shown, what.replaceFirst(" for .*", ""));
        return existing;
      }
    }
    Issued issued = issue.get();
    List<X509Certificate> chain = List.of(issued.certificate(), ca.certificate());
    Files.createDirectories(folder);
    Files.writeString(pem, Pem.encode(chain));
    OwnerOnly.write(key, Pem.encode(issued.key()).getBytes(StandardCharsets.US_ASCII));
    String secret = RandomPassword.next();
    ByteArrayOutputStream store = new ByteArrayOutputStream();
    try {
      new ServerIdentity(issued.key(), chain).toKeyStore(name, secret.toCharArray()).store(store, secret.toCharArray());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot write " + p12 + ": " + e.getMessage(), e);
    }
    OwnerOnly.write(p12, store.toByteArray());
    OwnerOnly.write(password, secret.getBytes(StandardCharsets.US_ASCII));
    line("created", shown, what);
    return issued.certificate();
  }

  private String properties() {
    return """
        # Written by dev-certs. The service with these certificates:
        #   java -Dmicronaut.config.files=config/application.yml,%1$s -jar app/target/fleet-jobs-app.jar
        # MQTT over TLS on 8883 beside plain MQTT on 1883; device client certificates optional (CN = device id)
        fleet.tls.certificate-file=%2$s
        fleet.tls.key-file=%3$s
        fleet.tls.client-ca-file=%4$s
        # fleet.tls.plain-mqtt=false   accepts MQTT over TLS only
        # HTTPS for the API on 8443, plain HTTP off (micronaut.server.dual-protocol=true keeps both)
        micronaut.server.ssl.enabled=true
        micronaut.server.ssl.port=8443
        micronaut.server.ssl.key-store.certificate-path=file:%2$s
        micronaut.server.ssl.key-store.key-path=file:%3$s
        """.formatted(dir.resolve(PROPERTIES), dir.resolve("server.pem"), dir.resolve("server.key"), dir.resolve("ca.pem"));
  }

  private void line(String action, String files, String what) {
    report.add("  %-8s %-48s %s".formatted(action, files, what));
  }

  private static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
    try {
      certificate.verify(ca.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static Set<String> altNames(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
      if (entries != null) {
        entries.forEach(entry -> names.add(String.valueOf(entry.get(1))));
      }
    } catch (CertificateParsingException e) {
      // no readable names: reported as none
    }
    return canonical(names);
  }

  /** IP addresses as the JDK prints them ({@code ::1} is {@code 0:0:0:0:0:0:0:1}), names as given. */
  private static Set<String> canonical(List<String> hosts) {
    Set<String> names = new LinkedHashSet<>();
    for (String host : hosts) {
      boolean literal = host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
      try {
        names.add(literal ? java.net.InetAddress.getByName(host).getHostAddress() : host); // a literal is never looked up
      } catch (java.net.UnknownHostException e) {
        names.add(host);
      }
    }
    return names;
  }

}
