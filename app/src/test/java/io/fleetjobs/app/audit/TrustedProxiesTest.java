package io.fleetjobs.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which address the audit log records for a request, given the trusted proxies and an X-Forwarded-For header. */
class TrustedProxiesTest {

  private static final TrustedProxies PROXIES = TrustedProxies.of(List.of("10.0.0.0/8", "192.168.1.7", "::1"));

  @ParameterizedTest(name = "from {0} with X-Forwarded-For ''{1}'' the client is {2}")
  @CsvSource(delimiter = ';', value = {
      "203.0.113.5; 198.51.100.1; 203.0.113.5",                 // not from a proxy: the header is not believed
      "10.2.3.4; ; 10.2.3.4",                                   // from a proxy, without the header
      "10.2.3.4; 198.51.100.1; 198.51.100.1",
      "10.2.3.4; 1.1.1.1, 198.51.100.1, 192.168.1.7; 198.51.100.1", // hops through trusted proxies are skipped
      "10.2.3.4; 10.9.9.9, 10.8.8.8; 10.9.9.9",                 // every hop a proxy: the farthest one
      "10.2.3.4; example.com, 198.51.100.1; 198.51.100.1",      // a name further left is never looked up
      "10.2.3.4; not-an-address; 10.2.3.4",                     // garbage: the proxy's own address
      "10.2.3.4; 300.1.1.1; 10.2.3.4",
      "::1; 2001:db8::7; 2001:db8:0:0:0:0:0:7",
  })
  void theClientIsTheRightmostHopThatIsNotATrustedProxy(String peer, String forwardedFor, String client) throws Exception {
    assertThat(PROXIES.client(InetAddress.getByName(peer), forwardedFor)).isEqualTo(client);
  }

  @Test
  void withoutTrustedProxiesTheHeaderIsIgnored() throws Exception {
    assertThat(TrustedProxies.of(List.of()).client(InetAddress.getByName("10.2.3.4"), "198.51.100.1")).isEqualTo("10.2.3.4");
  }

  @ParameterizedTest(name = "''{0}'' is refused naming the property")
  @ValueSource(strings = {"proxy.internal", "10.0.0.0/33", "10.0.0.0/x", "::1/129", ""})
  void anEntryThatIsNotAnAddressOrRangeIsRefusedNamingTheProperty(String entry) {
    assertThatThrownBy(() -> TrustedProxies.of(List.of(entry))).hasMessageContaining("fleet.audit.trusted-proxies");
  }
}
