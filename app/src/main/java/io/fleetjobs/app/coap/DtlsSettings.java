package io.fleetjobs.app.coap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;

/**
 * CoAP over DTLS 1.2 ({@code fleet.coap.dtls.*}, {@code coaps://}): each device proves itself with a pre-shared key,
 * the PSK identity being its device id and the key its credential's secret (the 32 UTF-8 bytes of it).
 *
 * @param port the UDP port (default {@code 5684}, CoAP over DTLS's; {@code 0} picks a free one), on
 *     {@code fleet.coap.host}
 * @param cipherSuites the PSK cipher suites offered, most preferred first (default
 *     {@code TLS_PSK_WITH_AES_128_CCM_8, TLS_PSK_WITH_AES_128_GCM_SHA256}: CCM_8 is the one constrained devices are
 *     required to have, RFC 7925; GCM is what general TLS stacks have). Any of Scandium's recommended PSK suites (AEAD:
 *     CCM, CCM_8, GCM; also ECDHE_PSK) may be named; CBC suites are refused
 * @param maxConnections DTLS connections (sessions) kept at once (default {@code 150000}); past that the least
 *     recently used one older than {@code staleConnectionThreshold} makes room, else a new handshake is refused
 * @param staleConnectionThreshold how long a connection must have been quiet before it may be evicted for a new one
 *     (default {@code PT30M})
 */
@ConfigurationProperties("fleet.coap.dtls")
public record DtlsSettings(
    @Bindable(defaultValue = "5684") int port,
    @Bindable(defaultValue = "TLS_PSK_WITH_AES_128_CCM_8,TLS_PSK_WITH_AES_128_GCM_SHA256") List<String> cipherSuites,
    @Bindable(defaultValue = "150000") int maxConnections,
    @Bindable(defaultValue = "PT30M") Duration staleConnectionThreshold) {

  public DtlsSettings {
    cipherSuites = List.copyOf(cipherSuites);
    if (cipherSuites.isEmpty()) {
      throw new IllegalArgumentException("fleet.coap.dtls.cipher-suites must name at least one cipher suite");
    }
    for (String name : cipherSuites) {
      CipherSuite suite = CipherSuite.getTypeByName(name.strip());
      if (suite == null || !suite.isPskBased() || !suite.isSupported() || !suite.isRecommended()) {
        throw new IllegalArgumentException("fleet.coap.dtls.cipher-suites: '" + name + "' is not a PSK cipher suite this JVM supports"
            + " (e.g. TLS_PSK_WITH_AES_128_CCM_8, TLS_PSK_WITH_AES_128_GCM_SHA256, TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256)");
      }
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("fleet.coap.dtls.max-connections must be at least 1");
    }
    if (staleConnectionThreshold.isNegative() || staleConnectionThreshold.isZero()) {
      throw new IllegalArgumentException("fleet.coap.dtls.stale-connection-threshold must be positive");
    }
  }

  /** The cipher suites as Scandium knows them, in order. */
  public List<CipherSuite> suites() {
    return cipherSuites.stream().map(name -> CipherSuite.getTypeByName(name.strip())).toList();
  }
}
